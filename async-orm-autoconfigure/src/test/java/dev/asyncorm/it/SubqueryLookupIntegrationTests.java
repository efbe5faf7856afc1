package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.asyncorm.AsyncQuerySet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A queryset given as the value of a lookup is a subquery of the same statement, as in Django:
 * {@code filter(box__in=Box.objects.filter(...))} compares the boxes' primary keys,
 * {@code filter(id__in=qs.values_list("id"))} the column it selects.
 */
class SubqueryLookupIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private ToppingRepository toppings;

	private Box square;

	private Box small;

	private Box round;

	private void pizzasInBoxes() {
		this.square = persist(new Box("square"));
		this.small = persist(new Box("small"));
		this.round = persist(new Box("round"));
		pizza("margherita", this.square, 8);
		pizza("funghi", this.small, 11);
		pizza("diavola", this.round, 12);
		pizza("marinara", null, 7);
	}

	private Pizza pizza(String name, Box box, Integer price) {
		Pizza pizza = new Pizza(name, box);
		pizza.setPrice(price);
		return persist(pizza);
	}

	@Test
	void aQuerysetOfTheRelatedModelMeansItsPrimaryKeysInOneStatement() {
		pizzasInBoxes();

		this.recorder.reset();
		assertThat(names(this.pizzas.filter("box__in", this.boxes.filter("name__startswith", "s"))))
			.containsExactly("funghi", "margherita");
		assertThat(this.recorder.sql()).singleElement().asString().containsPattern("(?i) in \\(+select ");
	}

	@Test
	void excludeKeepsTheRowsWithoutARelatedRowAsDjangoDoes() {
		pizzasInBoxes();

		this.recorder.reset();
		assertThat(names(this.pizzas.exclude("box__in", this.boxes.filter("name__startswith", "s"))))
			.containsExactly("diavola", "marinara");
		assertThat(this.recorder.sql()).hasSize(1);
	}

	@Test
	void aFlatProjectionIsTheColumnItSelects() {
		pizzasInBoxes();
		AsyncQuerySet<Long> expensive = this.pizzas.filter("price__gt", 10).valuesList("id", Long.class);

		this.recorder.reset();
		assertThat(names(this.pizzas.filter("id__in", expensive))).containsExactly("diavola", "funghi");
		assertThat(names(this.pizzas.exclude("id__in", expensive))).containsExactly("margherita", "marinara");
		assertThat(names(this.pizzas.filter("box__in", this.boxes.filter("name", "round").values("id"))))
			.containsExactly("diavola");
		assertThat(names(this.pizzas.filter("box_id__in", this.pizzas.filter("price__lt", 10).valuesList("box"))))
			.containsExactly("margherita");
		assertThat(this.recorder.sql()).hasSize(4);
	}

	@Test
	void aSubqueryAcrossRelationsAndChainedFiltersSelectsWhatDjangoSelects() {
		pizzasInBoxes();

		assertThat(this.boxes.filter("id__in", this.pizzas.filter("price__gte", 11).exclude("name", "diavola")
			.valuesList("box__id", Long.class)).valuesList("name", String.class).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of("small"));
		assertThat(names(this.pizzas.filter("box__in", this.boxes.filter("pizzas__price__lt", 9))))
			.containsExactly("margherita");
	}

	@Test
	void excludeAcrossAMultiValuedRelationIsNotExistsWithTheSubqueryInside() {
		pizzasInBoxes();
		persist(new Box("empty"));

		this.recorder.reset();
		assertThat(this.boxes.exclude("pizzas__in", this.pizzas.filter("price__gt", 10)).orderBy("name")
			.valuesList("name", String.class).list()).succeedsWithin(TIMEOUT).isEqualTo(List.of("empty", "square"));
		assertThat(this.boxes.filter("pizzas__in", this.pizzas.filter("price__gt", 10)).orderBy("name")
			.valuesList("name", String.class).list()).succeedsWithin(TIMEOUT).isEqualTo(List.of("round", "small"));
		assertThat(this.recorder.sql()).hasSize(2);
	}

	@Test
	void aRelatedManagerOrACombinedQuerysetIsASubqueryOfItsRows() {
		Topping cheese = persist(new Topping("cheese"));
		Topping basil = persist(new Topping("basil"));
		persist(new Topping("chili"));
		Pizza margherita = persist(new Pizza("margherita", null));
		this.transactionTemplate.executeWithoutResult((status) -> this.entityManager
			.find(Pizza.class, margherita.getId()).getToppings().addAll(List.of(
					this.entityManager.find(Topping.class, cheese.getId()),
					this.entityManager.find(Topping.class, basil.getId()))));

		this.recorder.reset();
		assertThat(this.toppings.exclude("id__in", this.pizzas.<Topping>related(margherita, "toppings").all())
			.valuesList("name", String.class).list()).succeedsWithin(TIMEOUT).isEqualTo(List.of("chili"));
		assertThat(this.toppings.filter("pk__in", this.toppings.filter("name", "basil")
			.union(this.toppings.filter("name", "chili"))).orderBy("name").valuesList("name", String.class).list())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(List.of("basil", "chili"));
		assertThat(this.recorder.sql()).hasSize(2);
	}

	@Test
	void aSlicedQuerysetTakesItsRowsInItsOrder() {
		pizzasInBoxes();

		this.recorder.reset();
		assertThat(names(this.pizzas.filter("box__in", this.boxes.orderBy("name").limit(2))))
			.containsExactly("diavola", "funghi");
		assertThat(names(this.pizzas.filter("box__in", this.boxes.orderBy("-name").slice(1, 3))))
			.containsExactly("diavola", "funghi");
		assertThat(names(this.pizzas.filter("box", this.boxes.orderBy("name").limit(1)))).containsExactly("diavola");
		assertThat(names(this.pizzas.filter("price__gt", this.pizzas.orderBy("price").valuesList("price").slice(2, 3))))
			.containsExactly("diavola");
		assertThat(this.recorder.sql()).hasSize(4);
	}

	@Test
	void anEmptyQuerysetMatchesNothingAndItsExclusionEverything() {
		pizzasInBoxes();

		this.recorder.reset();
		assertThat(names(this.pizzas.filter("box__in", this.boxes.none()))).isEmpty();
		assertThat(names(this.pizzas.exclude("box__in", this.boxes.none())))
			.containsExactly("diavola", "funghi", "margherita", "marinara");
		assertThat(names(this.pizzas.filter("box__in", this.boxes.filter("name", "oval")))).isEmpty();
		assertThat(this.recorder.sql()).hasSize(3);
	}

	@Test
	void updateAndDeleteSelectTheirRowsWithTheSubqueryInOneStatement() {
		pizzasInBoxes();

		this.recorder.reset();
		assertThat(this.pizzas.filter("box__in", this.boxes.filter("name__startswith", "s")).update(Map.of("price", 9)))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(2L);
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("update pizza");
		assertThat(this.pizzas.filter("id__in", this.pizzas.filter("price", 9)).update(Map.of("price", 10)))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(2L);
		assertThat(this.pizzas.filter("price", 10).count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(this.pizzas.filter("id__in", this.pizzas.filter("box__in", this.boxes.exclude("pizzas__price", 10)))
			.delete()).succeedsWithin(TIMEOUT).satisfies((result) -> assertThat(result.total()).isEqualTo(1));
		assertThat(names(this.pizzas.all())).containsExactly("funghi", "margherita", "marinara");
	}

	@Test
	void aQuerysetOfSeveralColumnsOrOfAnotherModelIsRefusedWithDjangosMessage() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("id__in", this.pizzas.all().values("id", "name")))
			.withMessage("Cannot use multi-field values as a filter value.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.exclude("id__in", this.pizzas.all().valuesList("id", "name")))
			.withMessage("Cannot use multi-field values as a filter value.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("box__in", this.toppings.all()))
			.withMessage("Cannot use QuerySet for \"Topping\": Use a QuerySet for \"Box\".");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("box", this.boxes.filter("name", "round")))
			.withMessage("The QuerySet value for an exact lookup must be limited to one result using slicing.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("name__in", this.boxes.all()))
			.withMessage("'name__in' compares String values; the QuerySet of Box selects Long values.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("name__contains", this.boxes.all().valuesList("name")))
			.withMessageContaining("not with 'name__contains'");
	}

	private List<String> names(AsyncQuerySet<Pizza> queryset) {
		return queryset.orderBy("name").valuesList("name", String.class).list().join();
	}

}
