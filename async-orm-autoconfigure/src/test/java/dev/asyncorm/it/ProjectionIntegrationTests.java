package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.Q;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Projections ({@code values}, {@code valuesList}, {@code as}) and aggregation ({@code aggregate},
 * {@code annotate}, {@code values().annotate()} as GROUP BY), with Django's results.
 */
class ProjectionIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private ArticleRepository articles;

	@BeforeEach
	void seed() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		Topping mushroom = persist(new Topping("mushroom"));
		Topping bacon = persist(new Topping("bacon"));
		Box small = persist(new Box("small"));
		Box large = persist(new Box("large"));
		pizza("margherita", small, 8, cheese, tomato);
		pizza("funghi", large, 10, cheese, mushroom);
		pizza("diavola", small, 12, tomato, bacon);
		pizza("plain", null, null);
	}

	private void pizza(String name, Box box, Integer price, Topping... toppings) {
		Pizza pizza = new Pizza(name, box);
		pizza.setPrice(price);
		pizza.getToppings().addAll(List.of(toppings));
		persist(pizza);
	}

	private static Map<String, Object> row(Object... keysAndValues) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			row.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return row;
	}

	record PizzaSummary(String name, String box__name, Integer price) {
	}

	interface PizzaView {

		String getName();

		Integer getPrice();

	}

	@Test
	void valuesReadTheFieldsAskedForInOrderAcrossRelations() {
		List<Map<String, Object>> rows = this.pizzas.orderBy("name").values("name", "box__name").list().join();
		assertThat(rows).containsExactly(row("name", "diavola", "box__name", "small"),
				row("name", "funghi", "box__name", "large"), row("name", "margherita", "box__name", "small"),
				row("name", "plain", "box__name", null));
		assertThat(rows.get(0).keySet()).containsExactly("name", "box__name");
		Map<String, Object> all = this.pizzas.filter("name", "funghi").values().get().join();
		assertThat(all.keySet()).containsExactly("id", "name", "price", "box_id");
		assertThat(all.get("box_id")).isEqualTo(this.boxes.get("name", "large").join().getId());
		assertThat(this.pizzas.filter("name", "margherita").orderBy("toppings__name").values("toppings__name").list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("toppings__name", "cheese"), row("toppings__name", "tomato")));
	}

	@Test
	void valuesListGivesListsOrFlatValues() {
		assertThat(this.pizzas.filter("price__gte", 10).orderBy("name").valuesList("name", "price").list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(List.of("diavola", 12), List.of("funghi", 10)));
		assertThat(this.pizzas.orderBy("-name").valuesList("name", String.class).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of("plain", "margherita", "funghi", "diavola"));
		assertThat(this.pizzas.orderBy("price").filter("price__isnull", false).valuesList("price", Long.class).first())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(Optional.of(8L));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.valuesList("box__name", Integer.class))
			.withMessage("valuesList(\"box__name\", Integer.class): the field holds String values.");
	}

	@Test
	void asMapsRowsOntoRecordsAndInterfaces() {
		assertThat(this.pizzas.filter("box__name", "small").orderBy("name").as(PizzaSummary.class).list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(new PizzaSummary("diavola", "small", 12), new PizzaSummary("margherita", "small", 8)));
		PizzaView view = this.pizzas.filter("name", "funghi").as(PizzaView.class).get().join();
		assertThat(view.getName()).isEqualTo("funghi");
		assertThat(view.getPrice()).isEqualTo(10);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.as(String.class))
			.withMessageStartingWith("as(String) needs a record or an interface");
	}

	@Test
	void distinctValuesAreCountedAsRows() {
		assertThat(this.pizzas.filter("box__isnull", false).values("box__name").distinct().orderBy("box__name").list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("box__name", "large"), row("box__name", "small")));
		assertThat(this.pizzas.values("box__name").distinct().count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(this.pizzas.values("box__name").count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.values("name").delete())
			.withMessage("Cannot call delete() after values(), valuesList() or as().");
	}

	@Test
	void aggregateComputesOverTheRowsWithDjangosDefaultAliases() {
		Map<String, Object> result = this.pizzas.aggregate(Aggregate.sum("price"), Aggregate.avg("price"),
				Aggregate.min("price"), Aggregate.max("price"), Aggregate.count("price"), Aggregate.count("pk"))
			.join();
		assertThat(result).containsExactly(Map.entry("price__sum", 30L), Map.entry("price__avg", 10.0),
				Map.entry("price__min", 8), Map.entry("price__max", 12), Map.entry("price__count", 3L),
				Map.entry("pk__count", 4L));
		assertThat(this.pizzas.filter("box__name", "small").aggregate(Aggregate.max("name").as("last")))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("last", "margherita"));
	}

	@Test
	void anAggregateOverNoRowsIsNullExceptCount() {
		Map<String, Object> expected = new HashMap<>();
		expected.put("price__sum", null);
		expected.put("pk__count", 0L);
		expected.put("total", 0L);
		Aggregate[] aggregates = { Aggregate.sum("price"), Aggregate.count("pk"), Aggregate.sum("price").orElse(0).as("total") };
		assertThat(this.pizzas.filter("name", "nope").aggregate(aggregates)).succeedsWithin(TIMEOUT).isEqualTo(expected);
		assertThat(this.pizzas.none().aggregate(aggregates)).succeedsWithin(TIMEOUT).isEqualTo(expected);
	}

	@Test
	void aggregatesSpanRelationsDistinctAndConditionally() {
		assertThat(this.pizzas.aggregate(Aggregate.count("toppings"), Aggregate.count("toppings").distinct().as("kinds"),
				Aggregate.count("toppings").filter(Q.of("toppings__name", "cheese")).as("cheesy")))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("toppings__count", 6L, "kinds", 4L, "cheesy", 2L));
		// Django reuses the filter's join: only the cheese toppings are counted.
		assertThat(this.pizzas.filter("toppings__name", "cheese").aggregate(Aggregate.count("toppings")))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("toppings__count", 2L));
		assertThat(this.pizzas.filter("toppings__name__in", List.of("cheese", "tomato")).distinct()
			.aggregate(Aggregate.sum("price"))).succeedsWithin(TIMEOUT).isEqualTo(Map.of("price__sum", 30L));
		assertThat(this.boxes.aggregate(Aggregate.avg("pizzas__price"))).succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("pizzas__price__avg", 10.0));
	}

	@Test
	void annotationsAreFilteredOrderedAndReadAsValues() {
		assertThat(this.pizzas.annotate("n", Aggregate.count("toppings")).orderBy("-n", "name").values("name", "n").list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("name", "diavola", "n", 2L), row("name", "funghi", "n", 2L),
					row("name", "margherita", "n", 2L), row("name", "plain", "n", 0L)));
		assertThat(this.pizzas.annotate("n", Aggregate.count("toppings")).filter("n__lt", 1).list())
			.succeedsWithin(TIMEOUT)
			.satisfies((rows) -> assertThat(rows).extracting(Pizza::getName).containsExactly("plain"));
		// Filters before annotate() narrow what it aggregates, as in Django.
		assertThat(this.pizzas.filter("toppings__name", "cheese").annotate("n", Aggregate.count("toppings"))
			.orderBy("name")
			.values("name", "n")
			.list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("name", "funghi", "n", 1L), row("name", "margherita", "n", 1L)));
	}

	@Test
	void valuesThenAnnotateGroupsByTheValues() {
		assertThat(this.pizzas.filter("box__isnull", false).values("box__name").annotate("n", Aggregate.count("pk"))
			.orderBy("box__name")
			.list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("box__name", "large", "n", 1L), row("box__name", "small", "n", 2L)));
		assertThat(this.boxes.values("name").annotate("total", Aggregate.sum("pizzas__price")).orderBy("-total").list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("name", "small", "total", 20L), row("name", "large", "total", 10L)));
		assertThat(this.pizzas.values("box__name").annotate("n", Aggregate.count("pk")).count()).succeedsWithin(TIMEOUT)
			.isEqualTo(3L);
	}

	@Test
	void theModelsDefaultOrderingDoesNotSplitTheGroups() {
		LocalDateTime now = LocalDateTime.of(2024, 1, 1, 0, 0);
		for (String headline : List.of("a", "b", "c")) {
			persist(new Article(headline, null, now.toLocalDate(), now, headline.equals("c") ? 5 : 4));
		}
		// Article is ordered by headline, which would make each article its own group.
		AsyncQuerySet<Map<String, Object>> perRating = this.articles.values("rating").annotate("n", Aggregate.count("pk"));
		assertThat(perRating.filter("n__gt", 1).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("rating", 4, "n", 2L)));
		assertThat(perRating.orderBy("rating").first()).succeedsWithin(TIMEOUT)
			.isEqualTo(Optional.of(row("rating", 4, "n", 2L)));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> perRating.first())
			.withMessage("Cannot use first() on an unordered queryset performing aggregation. Add an ordering with "
					+ "orderBy().");
	}

	@Test
	void aggregateOfASliceAggregatesTheRowsOfTheSliceInItsOrder() {
		assertThat(this.pizzas.filter("price__isnull", false).orderBy("-price").limit(2)
			.aggregate(Aggregate.sum("price"), Aggregate.count("pk")))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("price__sum", 22L, "pk__count", 2L));
		assertThat(this.pizzas.filter("price__isnull", false).orderBy("price").slice(1, 3)
			.aggregate(Aggregate.min("price"), Aggregate.max("price"))).succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("price__min", 10, "price__max", 12));
		assertThat(this.pizzas.filter("toppings__name__in", List.of("cheese", "tomato")).orderBy("name").limit(3)
			.aggregate(Aggregate.sum("price"))).succeedsWithin(TIMEOUT)
			.isEqualTo(Map.of("price__sum", 30L));
		Map<String, Object> none = new LinkedHashMap<>();
		none.put("price__sum", null);
		assertThat(this.pizzas.all().limit(0).aggregate(Aggregate.sum("price"))).succeedsWithin(TIMEOUT).isEqualTo(none);
	}

	@Test
	void filtersOnTheAggregatesOfValuesAnnotateAreItsHaving() {
		AsyncQuerySet<Map<String, Object>> perBox = this.pizzas.values("box__name").annotate("n", Aggregate.count("pk"));
		this.recorder.reset();
		assertThat(perBox.filter("n__gt", 1).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("box__name", "small", "n", 2L)));
		assertThat(this.recorder.sql()).singleElement().asString().containsIgnoringCase(" having ");
		assertThat(perBox.filter("n__gt", 1).count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
		assertThat(perBox.filter("n__gt", 1).exists()).succeedsWithin(TIMEOUT).isEqualTo(true);
		assertThat(perBox.filter("n__gt", 5).exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
		assertThat(perBox.filter("box__isnull", false).filter("n__gte", 1).orderBy("-n", "box__name").limit(2).list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("box__name", "small", "n", 2L), row("box__name", "large", "n", 1L)));
		AsyncQuerySet<Map<String, Object>> perPizza = this.pizzas.values("name").annotate("t", Aggregate.count("toppings"));
		assertThat(perPizza.filter("t", 2).orderBy("name").list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("name", "diavola", "t", 2L), row("name", "funghi", "t", 2L),
					row("name", "margherita", "t", 2L)));
		assertThat(perPizza.exclude("t", 2).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of(row("name", "plain", "t", 0L)));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> perBox.filter(Q.of("n__gt", 1).and(Q.of("box__name", "small"))))
			.withMessageStartingWith("filter() on the aggregates of values().annotate() cannot also name fields");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> perBox.filter("n__gt", 1).values("box__name"))
			.withMessage("values() after filtering on the aggregates of values().annotate() is not supported.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> perBox.filter("n__gt", 1).update(Map.of("price", 1)))
			.withMessage("update() after filtering on the aggregates of values().annotate() is not supported.");
	}

	@Test
	void misuseIsReportedWhenTheQuerysetIsBuilt() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.annotate("name", Aggregate.count("toppings")))
			.withMessage("The annotation 'name' conflicts with a field or annotation of Pizza.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().distinct().limit(2).aggregate(Aggregate.count("pk")))
			.withMessageStartingWith("aggregate() on a sliced distinct() queryset is not supported");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().limit(2).aggregate(Aggregate.count("toppings")))
			.withMessageStartingWith("aggregate() across relations on a sliced queryset is not supported");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.aggregate(Aggregate.avg("name")))
			.withMessage("AVG(name) as name__avg: field 'name' holds String values, not numbers.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.pizzas.values("nmae"))
			.withMessageStartingWith("Cannot resolve keyword 'nmae' into field of Pizza.");
	}

}
