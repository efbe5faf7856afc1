package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.F;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.Q;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Lookups, ordering, updates and deletes across relations, with Django's semantics for
 * multi-valued relations: one {@code filter} call binds one related row, chained calls may bind
 * different rows, {@code exclude} is {@code NOT EXISTS}.
 */
class SpanningIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private ToppingRepository toppings;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private ReporterRepository reporters;

	@Autowired
	private StoryRepository stories;

	@Autowired
	private PublicationRepository publications;

	private Topping cheese;

	private Topping tomato;

	private Box small;

	private Box large;

	private Reporter bob;

	private Story snow;

	@BeforeEach
	void seed() {
		this.cheese = persist(new Topping("cheese"));
		this.tomato = persist(new Topping("tomato"));
		Topping mushroom = persist(new Topping("mushroom"));
		Topping bacon = persist(new Topping("bacon"));
		this.small = persist(new Box("small"));
		this.large = persist(new Box("large"));
		pizza("margherita", this.small, this.cheese, this.tomato);
		pizza("funghi", this.large, this.cheese, mushroom);
		pizza("diavola", this.small, this.tomato, bacon);
		pizza("plain", null);
		Reporter alice = persist(new Reporter("alice"));
		this.bob = persist(new Reporter("bob"));
		persist(new Reporter("carol"));
		persist(new Story("Rain", alice));
		persist(new Story("Sun", alice));
		this.snow = persist(new Story("Snow", this.bob));
		Publication science = persist(new Publication("Science"));
		Publication nature = persist(new Publication("Nature"));
		persist(new Publication("Empty"));
		paper("Cells", science, nature);
		paper("Atoms", science);
	}

	private void pizza(String name, Box box, Topping... toppings) {
		Pizza pizza = new Pizza(name, box);
		pizza.getToppings().addAll(List.of(toppings));
		persist(pizza);
	}

	private void paper(String title, Publication... publications) {
		Paper paper = new Paper(title);
		paper.getPublications().addAll(List.of(publications));
		persist(paper);
	}

	private static <T> List<String> names(AsyncQuerySet<T> rows, Function<T, String> name) {
		return rows.list().join().stream().map(name).toList();
	}

	private static List<String> pizzaNames(AsyncQuerySet<Pizza> pizzas) {
		return names(pizzas.orderBy("name"), Pizza::getName);
	}

	@Test
	void forwardForeignKeysAreFollowedAndComparedById() {
		assertThat(pizzaNames(this.pizzas.filter("box__name", "small"))).containsExactly("diavola", "margherita");
		assertThat(pizzaNames(this.pizzas.filter("box__name__startswith", "l"))).containsExactly("funghi");
		assertThat(pizzaNames(this.pizzas.filter("box", this.small))).containsExactly("diavola", "margherita");
		assertThat(pizzaNames(this.pizzas.filter("box", this.small.getId()))).containsExactly("diavola", "margherita");
		assertThat(pizzaNames(this.pizzas.filter("box_id", this.large.getId()))).containsExactly("funghi");
		assertThat(pizzaNames(this.pizzas.filter("box__id", this.large.getId()))).containsExactly("funghi");
		assertThat(pizzaNames(this.pizzas.filter("box__pk__in", List.of(this.large.getId())))).containsExactly("funghi");
		assertThat(pizzaNames(this.pizzas.filter("box__in", List.of(this.small, this.large))))
			.containsExactly("diavola", "funghi", "margherita");
		assertThat(pizzaNames(this.pizzas.filter("box", null))).containsExactly("plain");
		assertThat(pizzaNames(this.pizzas.filter("box__isnull", true))).containsExactly("plain");
		assertThat(pizzaNames(this.pizzas.filter("box__name__isnull", true))).containsExactly("plain");
		assertThat(this.pizzas.filter("box__name", "small").count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
	}

	@Test
	void excludingAcrossAForeignKeyKeepsRowsWithoutARelatedRow() {
		assertThat(pizzaNames(this.pizzas.exclude("box__name", "small"))).containsExactly("funghi", "plain");
		assertThat(pizzaNames(this.pizzas.exclude("box", this.small))).containsExactly("funghi", "plain");
		assertThat(pizzaNames(this.pizzas.filter(Q.of("box__name", "large").or(Q.of("name", "plain")))))
			.containsExactly("funghi", "plain");
	}

	@Test
	void aFilterAcrossAManyToManyGivesARowPerMatchUnlessDistinct() {
		assertThat(pizzaNames(this.pizzas.filter("toppings__name", "cheese"))).containsExactly("funghi", "margherita");
		assertThat(pizzaNames(this.pizzas.filter("toppings", this.cheese))).containsExactly("funghi", "margherita");
		AsyncQuerySet<Pizza> cheeseOrTomato = this.pizzas.filter("toppings__in", List.of(this.cheese, this.tomato));
		assertThat(pizzaNames(cheeseOrTomato)).containsExactly("diavola", "funghi", "margherita", "margherita");
		assertThat(cheeseOrTomato.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThat(pizzaNames(cheeseOrTomato.distinct())).containsExactly("diavola", "funghi", "margherita");
		assertThat(cheeseOrTomato.distinct().count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(pizzaNames(this.pizzas.filter("toppings__isnull", true))).containsExactly("plain");
	}

	@Test
	void conditionsOfOneFilterCallHoldForTheSameRelatedRow() {
		Q cheeseAndTomato = Q.of("toppings__name", "cheese").and(Q.of("toppings__name", "tomato"));
		assertThat(pizzaNames(this.pizzas.filter(cheeseAndTomato))).isEmpty();
		assertThat(pizzaNames(this.pizzas.filter("toppings__name", "cheese").filter("toppings__name", "tomato")))
			.containsExactly("margherita");
		assertThat(pizzaNames(this.pizzas.filter(Map.of("toppings__name__startswith", "c", "toppings__name__endswith", "e"))))
			.containsExactly("funghi", "margherita");
	}

	@Test
	void excludeAcrossAMultiValuedRelationIsNotExists() {
		assertThat(pizzaNames(this.pizzas.exclude("toppings__name", "cheese"))).containsExactly("diavola", "plain");
		assertThat(pizzaNames(this.pizzas.filter(Q.of("toppings__name", "cheese").not())))
			.containsExactly("diavola", "plain");
		// Django: the lookups of one exclude() call need not match the same topping.
		assertThat(pizzaNames(this.pizzas.exclude(Map.of("toppings__name", "cheese", "toppings__name__startswith", "m"))))
			.containsExactly("diavola", "margherita", "plain");
	}

	@Test
	void mappedInverseSidesSpanBothWays() {
		assertThat(names(this.toppings.filter("pizzas__name", "funghi").orderBy("name"), Topping::getName))
			.containsExactly("cheese", "mushroom");
		assertThat(names(this.toppings.filter("pizzas__box__name", "large").orderBy("name"), Topping::getName))
			.containsExactly("cheese", "mushroom");
		assertThat(names(this.boxes.filter("pizzas__name", "funghi"), Box::getName)).containsExactly("large");
		assertThat(names(this.boxes.filter("pizzas__toppings__name", "bacon"), Box::getName)).containsExactly("small");
		assertThat(names(this.boxes.exclude("pizzas__name__startswith", "m"), Box::getName)).containsExactly("large");
	}

	@Test
	void unmappedInverseSidesUseDjangosQueryNames() {
		assertThat(names(this.reporters.filter("story__headline", "Snow"), Reporter::getName)).containsExactly("bob");
		assertThat(names(this.reporters.filter("story", this.snow), Reporter::getName)).containsExactly("bob");
		assertThat(names(this.reporters.filter("story__headline__startswith", "S").distinct(), Reporter::getName))
			.containsExactly("alice", "bob");
		assertThat(names(this.reporters.exclude("story__headline", "Rain"), Reporter::getName))
			.containsExactly("bob", "carol");
		assertThat(names(this.reporters.filter("story__isnull", true), Reporter::getName)).containsExactly("carol");
		assertThat(names(this.publications.filter("paper__title", "Atoms"), Publication::getTitle))
			.containsExactly("Science");
		assertThat(names(this.publications.filter("paper__isnull", true), Publication::getTitle))
			.containsExactly("Empty");
		assertThat(names(this.publications.exclude("paper__title", "Cells"), Publication::getTitle))
			.containsExactly("Empty");
	}

	@Test
	void orderingFollowsRelationsAndTheirDefaultOrdering() {
		// NULL ordering is the database's, as in Django: PostgreSQL puts NULLs last, H2 and MariaDB first.
		List<String> byBox = names(this.pizzas.orderBy("box__name", "name"), Pizza::getName);
		if (database() == TestDatabase.POSTGRES) {
			assertThat(byBox).containsExactly("funghi", "diavola", "margherita", "plain");
		}
		else {
			assertThat(byBox).containsExactly("plain", "funghi", "diavola", "margherita");
		}
		assertThat(names(this.pizzas.filter("box__isnull", false).orderBy("box", "name"), Pizza::getName))
			.containsExactly("diavola", "margherita", "funghi");
		assertThat(names(this.stories.orderBy("reporter", "headline"), Story::getHeadline))
			.containsExactly("Rain", "Sun", "Snow");
		assertThat(names(this.stories.orderBy("-reporter", "headline"), Story::getHeadline))
			.containsExactly("Snow", "Rain", "Sun");
		assertThat(names(this.stories.orderBy("-reporter__name", "-headline"), Story::getHeadline))
			.containsExactly("Snow", "Sun", "Rain");
		assertThat(names(this.pizzas.filter("toppings__name__in", List.of("cheese", "tomato"))
			.orderBy("box__name", "name")
			.distinct(), Pizza::getName)).containsExactly("funghi", "diavola", "margherita");
	}

	@Test
	void reverseInvertsTheOrderAndTheDefaultOrdering() {
		assertThat(names(this.pizzas.orderBy("name").reverse(), Pizza::getName))
			.containsExactly("plain", "margherita", "funghi", "diavola");
		assertThat(names(this.reporters.all().reverse(), Reporter::getName)).containsExactly("carol", "bob", "alice");
		assertThat(this.reporters.all().reverse().reverse().first().join()).get().extracting(Reporter::getName)
			.isEqualTo("alice");
		assertThat(this.pizzas.all().reverse().first().join()).get().extracting(Pizza::getName).isEqualTo("plain");
		assertThat(this.pizzas.all().reverse().last().join()).get().extracting(Pizza::getName).isEqualTo("margherita");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().limit(2).reverse())
			.withMessage("Cannot reverse a query once a slice has been taken.");
	}

	@Test
	void updatesAndDeletesAcrossRelationsSelectTheirRowsWithASubquery() {
		assertThat(this.stories.filter("reporter__name", "alice").update(Map.of("headline", "Fog")))
			.succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(names(this.stories.orderBy("headline"), Story::getHeadline)).containsExactly("Fog", "Fog", "Snow");
		assertThat(this.stories.filter("reporter__name", "bob").delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(1, Map.of("Story", 1L)));
		assertThat(this.pizzas.filter("toppings__name__in", List.of("cheese", "tomato")).delete())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(9, Map.of("Pizza", 3L, "Pizza_toppings", 6L)));
		assertThat(pizzaNames(this.pizzas.all())).containsExactly("plain");
	}

	@Test
	void fExpressionsReadAcrossRelationsInFilters() {
		Reporter dave = persist(new Reporter("dave"));
		persist(new Story("dave", dave));
		persist(new Story("other", dave));
		persist(new Story("frank", persist(new Reporter("erin"))));
		assertThat(names(this.stories.filter("headline", F.of("reporter__name")), Story::getHeadline))
			.containsExactly("dave");
		assertThat(names(this.reporters.filter("name", F.of("story__headline")).orderBy("name"), Reporter::getName))
			.containsExactly("dave");
		// exclude() across a multi-valued relation is NOT EXISTS, for an F() as for a lookup.
		assertThat(names(this.reporters.exclude("name", F.of("story__headline")).orderBy("name"), Reporter::getName))
			.containsExactly("alice", "bob", "carol", "erin");
		assertThat(names(this.pizzas.exclude("name", F.of("box__name")).orderBy("name"), Pizza::getName))
			.containsExactly("diavola", "funghi", "margherita", "plain");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.stories.all().update(Map.of("headline", F.of("reporter__name"))))
			.withMessage("Joined field references are not permitted in this query: F(\"reporter__name\") in update().");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.stories.filter("headline", F.of("reporter__nmae")))
			.withMessageStartingWith("Cannot resolve keyword 'nmae' into field of Reporter.");
	}

	@Test
	void unknownNamesAndWrongInstancesFailWhenTheQuerysetIsBuilt() {
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.pizzas.filter("box__nmae", "x"))
			.withMessage("Cannot resolve keyword 'nmae' into field of Box. Choices are: id, name, pizzas, pk");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.reporters.filter("stories", 1))
			.withMessage("Cannot resolve keyword 'stories' into field of Reporter. Choices are: id, name, pk, story");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.pizzas.orderBy("box__nmae"))
			.withMessageStartingWith("Cannot resolve keyword 'nmae' into field of Box.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("box", this.cheese))
			.withMessage("'box' compares Box rows; got a Topping.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("box", new Box("unsaved")))
			.withMessage("'box' got an unsaved Box (its id is null); save it first.");
	}

}
