package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncQuerySet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code contains}, {@code inBulk}, set operations and combinations of querysets.
 */
class CombinationIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	private Pizza margherita;

	private Pizza funghi;

	private Pizza plain;

	@BeforeEach
	void seed() {
		Box small = persist(new Box("small"));
		Box large = persist(new Box("large"));
		this.margherita = pizza("margherita", small, 8);
		this.funghi = pizza("funghi", large, 10);
		pizza("diavola", small, 12);
		this.plain = pizza("plain", null, null);
	}

	private Pizza pizza(String name, Box box, Integer price) {
		Pizza pizza = new Pizza(name, box);
		pizza.setPrice(price);
		return persist(pizza);
	}

	private static List<String> names(AsyncQuerySet<Pizza> pizzas) {
		return pizzas.orderBy("name").list().join().stream().map(Pizza::getName).toList();
	}

	@Test
	void containsAsksForOneIdOfTheQueryset() {
		assertThat(this.pizzas.filter("box__name", "small").contains(this.margherita)).succeedsWithin(TIMEOUT)
			.isEqualTo(true);
		assertThat(this.pizzas.filter("box__name", "small").contains(this.funghi)).succeedsWithin(TIMEOUT)
			.isEqualTo(false);
		assertThat(this.pizzas.none().contains(this.funghi)).succeedsWithin(TIMEOUT).isEqualTo(false);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.contains(new Pizza("new", null)))
			.withMessage("contains() cannot be used on unsaved objects.");
	}

	@Test
	void inBulkKeysRowsByIdOrByAUniqueField() {
		Map<Object, Pizza> all = this.pizzas.inBulk().join();
		assertThat(all).hasSize(4);
		assertThat(all.get(this.plain.getId()).getName()).isEqualTo("plain");
		Map<Object, Pizza> byId = this.pizzas.inBulk(List.of(this.margherita.getId(), this.funghi.getId(), -1L)).join();
		assertThat(byId.keySet()).containsExactlyInAnyOrder(this.margherita.getId(), this.funghi.getId());
		assertThat(byId.get(this.funghi.getId()).getName()).isEqualTo("funghi");
		Map<Object, Pizza> byName = this.pizzas.filter("box__isnull", false)
			.inBulk(List.of("funghi", "plain", "nope"), "name")
			.join();
		assertThat(byName.keySet()).containsExactly("funghi");
		assertThat(this.pizzas.inBulk(List.of())).succeedsWithin(TIMEOUT).isEqualTo(Map.of());
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.inBulk(List.of(8), "price"))
			.withMessage("inBulk()'s field must be a unique field but 'price' isn't.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().limit(1).inBulk())
			.withMessage("Cannot use 'limit' or 'offset' with inBulk().");
	}

	@Test
	void setOperationsGiveEachRowOnce() {
		AsyncQuerySet<Pizza> small = this.pizzas.filter("box__name", "small");
		AsyncQuerySet<Pizza> expensive = this.pizzas.filter("price__gte", 10);
		assertThat(names(small.union(expensive))).containsExactly("diavola", "funghi", "margherita");
		assertThat(small.union(expensive).count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(names(small.intersection(expensive))).containsExactly("diavola");
		assertThat(names(this.pizzas.all().difference(small, expensive))).containsExactly("plain");
		assertThat(names(small.union(this.pizzas.none()))).containsExactly("diavola", "margherita");
		assertThat(small.union(expensive).orderBy("-price").first().join()).get().extracting(Pizza::getName)
			.isEqualTo("diavola");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> small.union(expensive).filter("name", "x"))
			.withMessage("Calling filter() after union() is not supported.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> small.union(expensive.limit(1)))
			.withMessage("Cannot use union() with a sliced queryset.");
	}

	@Test
	void unionAllKeepsEveryRowOfEveryQueryset() {
		AsyncQuerySet<Pizza> small = this.pizzas.filter("box__name", "small");
		AsyncQuerySet<Pizza> expensive = this.pizzas.filter("price__gte", 10);
		AsyncQuerySet<Pizza> both = small.unionAll(expensive);
		assertThat(names(both)).containsExactly("diavola", "diavola", "funghi", "margherita");
		assertThat(both.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThat(small.unionAll(small, small).count()).succeedsWithin(TIMEOUT).isEqualTo(6L);
		assertThat(both.orderBy("-price").limit(3).list().join()).extracting(Pizza::getName)
			.containsExactly("diavola", "diavola", "funghi");
		assertThat(both.orderBy("name").valuesList("price", Integer.class).list().join()).containsExactly(12, 12, 10, 8);
		assertThat(both.aggregate(Aggregate.sum("price"), Aggregate.count("pk")).join())
			.containsExactly(Map.entry("price__sum", 42L), Map.entry("pk__count", 4L));
		assertThat(names(small.unionAll(this.pizzas.none()))).containsExactly("diavola", "margherita");
		assertThat(this.pizzas.none().unionAll(this.pizzas.none()).count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		this.recorder.reset();
		List<Pizza> partly = small.only("name").timeout(Duration.ofSeconds(3)).unionAll(expensive).list().join();
		assertThat(partly).extracting(Pizza::getPrice).containsOnlyNulls().hasSize(4);
		assertThat(this.recorder.queryTimeouts()).contains(3);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> both.filter("name", "x"))
			.withMessage("Calling filter() after unionAll() is not supported.");
	}

	@Test
	void andAndOrCombineConditions() {
		assertThat(names(this.pizzas.filter("box__name", "small").and(this.pizzas.filter("price__gt", 10))))
			.containsExactly("diavola");
		assertThat(names(this.pizzas.filter("name", "plain").or(this.pizzas.filter("box__name", "large"))))
			.containsExactly("funghi", "plain");
		assertThat(names(this.pizzas.none().or(this.pizzas.filter("name", "plain")))).containsExactly("plain");
		assertThat(names(this.pizzas.filter("name", "plain").and(this.pizzas.none()))).isEmpty();
		// A combination that joins updates its rows through a subquery of ids.
		assertThat(this.pizzas.filter("name", "plain").or(this.pizzas.filter("box__name", "large"))
			.update(Map.of("price", 1))).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(names(this.pizzas.filter("price", 1))).containsExactly("funghi", "plain");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().distinct().or(this.pizzas.all()))
			.withMessage("Cannot combine a unique query with a non-unique query.");
		// The right queryset's order wins, as in Django.
		assertThat(this.pizzas.filter("box__isnull", false).orderBy("name").and(this.pizzas.orderBy("-name")).list()
			.join()).extracting(Pizza::getName).containsExactly("margherita", "funghi", "diavola");
		// The combination reads its rows as the left queryset does.
		assertThat(this.pizzas.filter("name", "funghi").only("name").or(this.pizzas.filter("name", "plain")).list().join())
			.extracting(Pizza::getPrice).containsOnlyNulls().hasSize(2);
		assertThat(this.pizzas.filter("name", "funghi").only("name").or(this.pizzas.filter("name", "plain")).list().join())
			.extracting(Pizza::getName).containsExactlyInAnyOrder("funghi", "plain");
	}

}
