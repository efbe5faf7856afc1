package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncOrm;
import dev.asyncorm.AsyncQuerySet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code explain()}: the database's plan of exactly the statement that {@code list()} sends, with
 * its parameters bound, in each database's own text.
 */
class ExplainIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private AsyncOrm orm;

	private Pizza margherita;

	record PizzaName(String name, String box__name) {
	}

	@BeforeEach
	void seed() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		Box small = persist(new Box("small"));
		this.margherita = new Pizza("margherita", small);
		this.margherita.setPrice(8);
		this.margherita.getToppings().addAll(List.of(cheese, tomato));
		persist(this.margherita);
		Pizza funghi = new Pizza("funghi", null);
		funghi.setPrice(10);
		funghi.getToppings().add(cheese);
		persist(funghi);
	}

	@Test
	void aFilterIsExplainedWithOneStatementItsValueBound() {
		this.recorder.reset();
		String plan = explain(this.pizzas.filter("name", "funghi"));
		assertThat(this.recorder.sql()).singleElement()
			.satisfies((sql) -> assertThat(sql).startsWith("EXPLAIN select ")
				.endsWith(" from pizza p1_0 where p1_0.name=?"));
		assertThat(this.recorder.statements())
			.allSatisfy((statement) -> assertThat(statement.thread()).startsWith("async-orm-"));
		assertThat(this.recorder.transactionEvents()).isEmpty();
		switch (database()) {
			case H2 -> assertThat(plan).startsWith("SELECT\n")
				.contains("FROM \"PUBLIC\".\"PIZZA\" \"P1_0\"")
				.endsWith("WHERE \"P1_0\".\"NAME\" = ?1");
			case POSTGRES -> assertThat(plan).containsPattern("^(Index Scan using pizza_name_key|Seq Scan) on pizza p1_0 ")
				.contains("((name)::text = 'funghi'::text)");
			case MARIADB -> assertThat(plan).startsWith("1 SIMPLE p1_0 const ").doesNotContain("\n");
		}
	}

	@Test
	void thePlanIsOfTheValueBound() {
		String found = explain(this.pizzas.filter("name", "funghi"));
		String missing = explain(this.pizzas.filter("name", "calzone"));
		switch (database()) {
			case H2 -> assertThat(missing).isEqualTo(found);
			case POSTGRES -> assertThat(missing).contains("'calzone'::text").doesNotContain("funghi");
			case MARIADB -> assertThat(missing)
				.isEqualTo("1 SIMPLE null null null null null null null Impossible WHERE noticed after reading const tables");
		}
	}

	@Test
	void theStatementExplainedIsTheOneListSends() {
		List<AsyncQuerySet<?>> querysets = List.of(this.pizzas.all(), this.pizzas.filter("price__gte", 9),
				this.pizzas.exclude("name__startswith", "m").orderBy("-price", "name").slice(1, 3),
				this.pizzas.filter("box__name", "small").selectRelated("box"),
				this.pizzas.filter("toppings__name", "cheese").distinct().orderBy("box__name"),
				this.pizzas.filter("name", "funghi").values("name", "box__name"),
				this.pizzas.valuesList("name", "price"), this.pizzas.orderBy("name").valuesList("name", String.class),
				this.pizzas.filter("box__name", "small").as(PizzaName.class),
				this.pizzas.annotate("n", Aggregate.count("toppings")).values("name", "n"),
				this.pizzas.values("box__name").annotate("n", Aggregate.count("pk")),
				this.pizzas.filter("name", "funghi").union(this.pizzas.filter("price", 8)),
				this.pizzas.related(this.margherita, "toppings").filter("name__contains", "e"));
		for (AsyncQuerySet<?> queryset : querysets) {
			this.recorder.reset();
			assertThat(queryset.list()).succeedsWithin(TIMEOUT);
			List<String> read = this.recorder.sql();
			this.recorder.reset();
			assertThat(explain(queryset)).isNotBlank();
			assertThat(this.recorder.sql()).containsExactly("EXPLAIN " + read.get(0));
		}
	}

	@Test
	void relationsAndProjectionsAreExplained() {
		String plan = explain(this.pizzas.filter("box__name", "small").values("name", "box__name"));
		switch (database()) {
			case H2 -> assertThat(plan).contains("LEFT OUTER JOIN \"PUBLIC\".\"BOX\" \"B1_0\"")
				.endsWith("WHERE \"B1_0\".\"NAME\" = ?1");
			case POSTGRES -> assertThat(plan).contains(" on pizza p1_0", " on box b1_0", "((name)::text = 'small'::text)");
			case MARIADB -> assertThat(plan.lines()).hasSize(2)
				.allSatisfy((row) -> assertThat(row).startsWith("1 SIMPLE "))
				.anySatisfy((row) -> assertThat(row).startsWith("1 SIMPLE p1_0 "))
				.anySatisfy((row) -> assertThat(row).startsWith("1 SIMPLE b1_0 "));
		}
	}

	@Test
	void prefetchQueriesAreNotExplained() {
		this.recorder.reset();
		explain(this.pizzas.prefetchRelated("toppings"));
		assertThat(this.recorder.sql()).singleElement()
			.satisfies((sql) -> assertThat(sql).startsWith("EXPLAIN select ").doesNotContain("topping"));
	}

	@Test
	void theManagerExplainsAllRowsWithTheQuerysetsTimeout() {
		this.recorder.reset();
		assertThat(this.pizzas.explain()).succeedsWithin(TIMEOUT);
		this.pizzas.all().timeout(Duration.ofSeconds(3)).explain().join();
		assertThat(this.recorder.sql()).hasSize(2)
			.allSatisfy((sql) -> assertThat(sql).startsWith("EXPLAIN select ").endsWith(" from pizza p1_0"));
		assertThat(this.recorder.queryTimeouts()).contains(3);
	}

	@Test
	void anEmptyQuerysetHasNoStatementToExplain() {
		this.recorder.reset();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.pizzas.none().explain())
			.withMessage("explain() of an empty queryset: none() or an empty slice sends no statement, so there is no "
					+ "plan to explain.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.filter("name", "funghi").and(this.pizzas.none()).explain());
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().slice(2, 2).explain());
		assertThat(this.recorder.sql()).isEmpty();
	}

	@Test
	void aLockingQuerysetIsExplainedInsideATransactionOnly() {
		assertThat(this.pizzas.filter("name", "funghi").selectForUpdate().explain()).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(InvalidDataAccessApiUsageException.class)
			.withMessageContaining("selectForUpdate() cannot be used outside of a transaction");
		this.recorder.reset();
		String plan = this.orm
			.atomic(() -> this.pizzas.filter("name", "funghi").selectForUpdate(true, false).explain().join())
			.join();
		assertThat(this.recorder.sql()).singleElement()
			.satisfies((sql) -> assertThat(sql).startsWith("EXPLAIN select ").containsPattern(" for (no key )?update"));
		switch (database()) {
			case H2 -> assertThat(plan).endsWith("WHERE \"P1_0\".\"NAME\" = ?1 FOR UPDATE NOWAIT");
			case POSTGRES -> assertThat(plan).startsWith("LockRows ");
			case MARIADB -> assertThat(plan).startsWith("1 SIMPLE p1_0 const ");
		}
	}

	@Test
	void insideATransactionThePlanIsReadOnItsConnectionAndLeavesItOpen() {
		this.recorder.reset();
		String plan = this.orm.atomic(() -> {
			if (database() == TestDatabase.POSTGRES) {
				this.entityManager.createNativeQuery("set local enable_indexscan = off").executeUpdate();
				this.entityManager.createNativeQuery("set local enable_bitmapscan = off").executeUpdate();
			}
			this.pizzas.create(new Pizza("calzone", null)).join();
			return this.pizzas.filter("name", "calzone").explain().join();
		}).join();
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.pizzas.filter("name", "calzone").exists()).succeedsWithin(TIMEOUT).isEqualTo(true);
		switch (database()) {
			case H2 -> assertThat(plan).endsWith("WHERE \"P1_0\".\"NAME\" = ?1");
			case POSTGRES -> assertThat(plan).startsWith("Seq Scan on pizza p1_0 ");
			// The row inserted in the transaction is read as the plan's constant, unseen outside it.
			case MARIADB -> assertThat(plan).startsWith("1 SIMPLE p1_0 const ");
		}
	}

	private static String explain(AsyncQuerySet<?> queryset) {
		return assertThat(queryset.explain()).succeedsWithin(TIMEOUT).actual();
	}

}
