package dev.asyncorm.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.asyncorm.InvalidLookupException;
import org.hibernate.Hibernate;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code only()} and {@code defer()}: the columns read, the state of the instances built, how the
 * calls combine, and what {@code save()} writes for a partly read instance.
 */
class DeferredLoadingIntegrationTests extends AbstractIntegrationTests {

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private StockItemRepository stockItems;

	@Autowired
	private BoxRepository boxes;

	private Box small;

	@BeforeEach
	void seed() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		this.small = persist(new Box("small"));
		Pizza margherita = new Pizza("margherita", this.small);
		margherita.setPrice(10);
		margherita.getToppings().addAll(List.of(cheese, tomato));
		persist(margherita);
		Pizza plain = new Pizza("plain", null);
		plain.setPrice(7);
		persist(plain);
	}

	/** The select list of the last SELECT, lower case. */
	private String lastSelectList() {
		List<String> selects = this.recorder.sql().stream()
			.map((sql) -> sql.trim().toLowerCase(Locale.ROOT))
			.filter((sql) -> sql.startsWith("select"))
			.toList();
		String sql = selects.get(selects.size() - 1);
		return sql.substring(0, sql.indexOf(" from "));
	}

	private Pizza margherita() {
		return this.pizzas.get("name", "margherita").join();
	}

	@Test
	void onlyReadsTheIdAndTheNamedFields() {
		this.recorder.reset();
		Pizza pizza = this.pizzas.only("name").get("name", "margherita").join();
		assertThat(lastSelectList()).contains("name").doesNotContain("price").doesNotContain("box_id");
		assertThat(pizza.getId()).isEqualTo(margherita().getId());
		assertThat(pizza.getName()).isEqualTo("margherita");
		assertThat(pizza.getPrice()).isNull();
		assertThat(pizza.getBox()).isNull();
		assertThatExceptionOfType(LazyInitializationException.class).isThrownBy(() -> pizza.getToppings().size());
	}

	@Test
	void aLoadedRelationIsItsIdOnly() {
		Pizza pizza = this.pizzas.only("box").get("name", "margherita").join();
		assertThat(pizza.getName()).isNull();
		assertThat(Hibernate.isInitialized(pizza.getBox())).isFalse();
		assertThat(pizza.getBox().getId()).isEqualTo(this.small.getId());
		assertThatExceptionOfType(LazyInitializationException.class).isThrownBy(() -> pizza.getBox().getName());
		assertThat(this.pizzas.only("box").get("name", "plain").join().getBox()).isNull();
	}

	@Test
	void deferLeavesOutTheNamedFields() {
		this.recorder.reset();
		List<Pizza> rows = this.pizzas.defer("price").orderBy("name").list().join();
		assertThat(lastSelectList()).contains("name").contains("box_id").doesNotContain("price");
		assertThat(rows).extracting(Pizza::getName).containsExactly("margherita", "plain");
		assertThat(rows).extracting(Pizza::getPrice).containsExactly(null, null);
		assertThat(rows.get(0).getBox().getId()).isEqualTo(this.small.getId());
	}

	@Test
	void callsCombineAsDjangoCombinesThem() {
		Pizza replaced = this.pizzas.only("name", "price").only("price").get("name", "margherita").join();
		assertThat(replaced.getName()).isNull();
		assertThat(replaced.getPrice()).isEqualTo(10);
		Pizza deferredTwice = this.pizzas.defer("name").defer("price").get("id", replaced.getId()).join();
		assertThat(deferredTwice.getName()).isNull();
		assertThat(deferredTwice.getPrice()).isNull();
		assertThat(deferredTwice.getBox()).isNotNull();
		Pizza onlyThenDefer = this.pizzas.only("name", "price").defer("price").get("name", "margherita").join();
		assertThat(onlyThenDefer.getName()).isEqualTo("margherita");
		assertThat(onlyThenDefer.getPrice()).isNull();
		Pizza deferThenOnly = this.pizzas.defer("price").only("name", "price").get("name", "margherita").join();
		assertThat(deferThenOnly.getName()).isEqualTo("margherita");
		assertThat(deferThenOnly.getPrice()).isNull();
		Pizza cleared = this.pizzas.defer("name", "price").defer().get("name", "margherita").join();
		assertThat(cleared.getName()).isEqualTo("margherita");
		assertThat(cleared.getPrice()).isEqualTo(10);
		assertThat(this.pizzas.only("pk").get("name", "margherita").join().getName()).isNull();
	}

	@Test
	void saveOfAPartlyReadInstanceWritesOnlyTheFieldsItWasReadWith() {
		Pizza pizza = this.pizzas.only("price").get("name", "margherita").join();
		pizza.setPrice(12);
		this.recorder.reset();
		assertThat(this.pizzas.save(pizza)).succeedsWithin(Duration.ofSeconds(10)).isSameAs(pizza);
		List<String> updates = this.recorder.sql().stream()
			.map((sql) -> sql.toLowerCase(Locale.ROOT))
			.filter((sql) -> sql.trim().startsWith("update"))
			.toList();
		assertThat(updates).hasSize(1);
		assertThat(updates.get(0)).contains("price").doesNotContain("name").doesNotContain("box_id");
		Pizza stored = this.pizzas.selectRelated("box").get("name", "margherita").join();
		assertThat(stored.getPrice()).isEqualTo(12);
		assertThat(stored.getBox().getName()).isEqualTo("small");
	}

	@Test
	void saveAlsoWritesTheDeferredFieldsAssignedSince() {
		Pizza pizza = this.pizzas.only("name").get("name", "margherita").join();
		pizza.setPrice(15);
		this.recorder.reset();
		assertThat(this.pizzas.save(pizza)).succeedsWithin(Duration.ofSeconds(10));
		String update = this.recorder.sql().stream()
			.map((sql) -> sql.toLowerCase(Locale.ROOT))
			.filter((sql) -> sql.trim().startsWith("update"))
			.findFirst()
			.orElseThrow();
		assertThat(update).contains("name").contains("price").doesNotContain("box_id");
		assertThat(this.pizzas.get("name", "margherita").join().getPrice()).isEqualTo(15);
		assertThat(this.pizzas.bulkUpdate(List.of(pizza), "price")).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1L);
	}

	@Test
	void anInstanceReadInPartThroughARelatedManagerIsSavedInPartByTheRepository() {
		Pizza pizza = this.boxes.<Pizza>related(this.small, "pizzas").only("name").get().join();
		assertThat(this.pizzas.save(pizza)).succeedsWithin(Duration.ofSeconds(10));
		Pizza stored = this.pizzas.selectRelated("box").get("name", "margherita").join();
		assertThat(stored.getPrice()).isEqualTo(10);
		assertThat(stored.getBox().getName()).isEqualTo("small");
	}

	@Test
	void aVersionedEntityReadInPartCannotBeSaved() {
		persist(new StockItem("north", "A-1", 3, null));
		StockItem item = this.stockItems.only("quantity").get("sku", "A-1").join();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.stockItems.save(item))
			.withMessage("save() of a StockItem read with only() or defer() is not supported: its @Version would not "
					+ "be checked; refresh() it first.");
	}

	@Test
	void writingAFieldThatWasNotReadIsRefusedUntilRefresh() {
		Pizza pizza = this.pizzas.only("price").get("name", "margherita").join();
		pizza.setBox(null);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.pizzas.save(pizza, "box"))
			.withMessage("save() cannot write 'box' of a Pizza read without it by only() or defer(); assign it a value "
					+ "other than null, 0 or false (which look unread), or refresh() the instance first.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.bulkUpdate(List.of(pizza), "box"))
			.withMessageStartingWith("bulkUpdate() cannot write 'box' of a Pizza");
		assertThat(this.pizzas.refresh(pizza)).succeedsWithin(Duration.ofSeconds(10));
		assertThat(pizza.getName()).isEqualTo("margherita");
		pizza.setBox(null);
		assertThat(this.pizzas.save(pizza, "box")).succeedsWithin(Duration.ofSeconds(10));
		assertThat(this.pizzas.filter("box__isnull", true).count().join()).isEqualTo(2);
	}

	@Test
	void iterationReadsTheFieldsItOrdersByToo() {
		List<Pizza> rows = new ArrayList<>();
		assertThat(this.pizzas.orderBy("-name").defer("name", "box").forEach(rows::add))
			.succeedsWithin(Duration.ofSeconds(10));
		assertThat(rows).extracting(Pizza::getName).containsExactly("plain", "margherita");
		assertThat(rows).extracting(Pizza::getPrice).containsExactly(7, 10);
		assertThat(rows.get(1).getBox()).isNull();
	}

	@Test
	void rowsJoinedThroughRelationsKeepTheirDuplicates() {
		List<Pizza> rows = this.pizzas.filter("toppings__name__in", List.of("cheese", "tomato")).only("name").list().join();
		assertThat(rows).extracting(Pizza::getName).containsExactly("margherita", "margherita");
		assertThat(this.pizzas.only("name").values("price").orderBy("price").list().join())
			.containsExactly(Map.of("price", 7), Map.of("price", 10));
	}

	@Test
	void prefetchRelatedLoadsTheRelationsOfPartlyReadRows() {
		this.recorder.reset();
		List<Pizza> rows = this.pizzas.prefetchRelated("toppings", "box").defer("price").orderBy("name").list().join();
		assertThat(this.recorder.sql()).filteredOn((sql) -> sql.trim().toLowerCase(Locale.ROOT).startsWith("select"))
			.hasSize(3);
		assertThat(rows).extracting(Pizza::getPrice).containsExactly(null, null);
		assertThat(rows.get(0).getToppings()).extracting(Topping::getName).containsExactlyInAnyOrder("cheese", "tomato");
		assertThat(rows.get(0).getBox().getName()).isEqualTo("small");
		assertThat(rows.get(1).getToppings()).isEmpty();
		assertThat(rows.get(1).getBox()).isNull();
	}

	@Test
	void inBulkReadsTheFieldItKeysBy() {
		Map<Object, Pizza> byName = this.pizzas.defer("name").inBulk(List.of("margherita", "plain"), "name").join();
		assertThat(byName.keySet()).containsExactlyInAnyOrder("margherita", "plain");
		assertThat(byName.get("plain").getPrice()).isEqualTo(7);
	}

	@Test
	void misuseIsReportedWhenTheQuerysetIsBuilt() {
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.pizzas.defer("toppings"))
			.withMessage("defer() takes fields of Pizza; 'toppings' is a many-valued relation. Fields are: box, id, name, price");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.pizzas.only("nope"))
			.withMessageStartingWith("Cannot resolve keyword 'nope' into field of Pizza.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.values("name").only("name"))
			.withMessage("Cannot call only() after values(), valuesList() or as().");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.pizzas.only("name").selectRelated("box"))
			.withMessage("Field Pizza.box cannot be both deferred and traversed using selectRelated at the same time.");
		assertThat(this.pizzas.selectRelated("box").defer("price").get("name", "margherita").join().getBox().getName())
			.isEqualTo("small");
		assertThat(this.pizzas.selectRelated("box").defer().get("name", "margherita").join().getBox().getName())
			.isEqualTo("small");
	}

}
