package dev.asyncorm.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.asyncorm.AsyncModelManager;
import dev.asyncorm.AsyncOrm;
import dev.asyncorm.AsyncOrmRouter;
import dev.asyncorm.RoutingHints;
import dev.asyncorm.execution.DatabaseAlias;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code using}, {@code atomic(alias, …)}, routers and the database each instance comes from,
 * with a second database of the suite's kind (a second in-memory H2, a second PostgreSQL or
 * MariaDB database) as alias {@code other}. Where a row went is read with plain JDBC on each
 * database.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(MultipleDatabasesIntegrationTests.Routing.class)
class MultipleDatabasesIntegrationTests {

	private static final String SECOND_URL = TestDatabase.current().secondUrl();

	private static boolean schemaCreated;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private ToppingRepository toppings;

	@Autowired
	private AsyncOrm asyncOrm;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.current();
		database.properties().forEach((key, value) -> registry.add(key, () -> value));
		registry.add("async-orm.databases.other.url", () -> SECOND_URL);
		registry.add("async-orm.databases.other.username", database::username);
		registry.add("async-orm.databases.other.password", () -> "");
		registry.add("async-orm.databases.other.hikari.maximum-pool-size", () -> "3");
	}

	@BeforeEach
	void schemaOnBothDatabases() {
		if (!schemaCreated) {
			// Django's migrate --database=other: Hibernate creates the schema with "other"'s connections.
			SessionFactory sessionFactory = this.entityManagerFactory.unwrap(SessionFactory.class);
			DatabaseAlias.on("other", () -> {
				sessionFactory.getSchemaManager().drop(false);
				sessionFactory.getSchemaManager().create(false);
				return null;
			});
			schemaCreated = true;
		}
		emptyBoxes(TestDatabase.current().url());
		emptyBoxes(SECOND_URL);
		Routing.READS.set(null);
	}

	@AfterEach
	void noRouter() {
		Routing.READS.set(null);
	}

	@Test
	void usingSendsReadsAndWritesToTheNamedDatabase() {
		assertThat(this.boxes.using("other").getOrCreate(Map.of("name", "remote")).join().created()).isTrue();
		assertThat(this.boxes.getOrCreate(Map.of("name", "local")).join().created()).isTrue();

		assertThat(names(SECOND_URL)).containsExactly("remote");
		assertThat(names(TestDatabase.current().url())).containsExactly("local");
		assertThat(this.boxes.using("other").valuesList("name", String.class).list().join()).containsExactly("remote");
		assertThat(this.boxes.using("default").valuesList("name", String.class).list().join()).containsExactly("local");
		assertThat(this.boxes.all().using("other").filter("name", "remote").update(Map.of("name", "moved")).join())
			.isEqualTo(1);
		assertThat(names(SECOND_URL)).containsExactly("moved");
		assertThat(this.boxes.using("other").all().delete().join().total()).isEqualTo(1);
		assertThat(names(SECOND_URL)).isEmpty();
		assertThat(names(TestDatabase.current().url())).containsExactly("local");
	}

	@Test
	void dbManagerSendsTheModelLevelWritesToTheNamedDatabase() {
		AsyncModelManager<Box> other = this.boxes.dbManager("other");
		Box box = other.create(new Box("created")).join();
		other.create(Map.of("name", "from fields")).join();
		assertThat(names(SECOND_URL)).containsExactly("created", "from fields");
		assertThat(names(TestDatabase.current().url())).isEmpty();

		execute(SECOND_URL, "update box set name = 'changed' where id = " + box.getId());
		assertThat(other.refresh(box).join().getName()).isEqualTo("changed");
		assertThat(other.filter("name", "changed").count().join()).isEqualTo(1);
		assertThat(other.delete(box).join().total()).isEqualTo(1);
		assertThat(names(SECOND_URL)).containsExactly("from fields");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.boxes.dbManager("elsewhere"))
			.withMessageStartingWith("The database 'elsewhere' does not exist; the databases are [default, other]");
	}

	@Test
	void anUnknownAliasFailsAsTheQuerySetIsBuilt() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.boxes.all().using("replica"))
			.withMessage("The database 'replica' does not exist; the databases are [default, other] "
					+ "(async-orm.databases.<alias>.* configures more)");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.asyncOrm.atomic("replica", () -> 1))
			.withMessageStartingWith("The database 'replica' does not exist");
	}

	@Test
	void atomicOnAnAliasRunsItsOperationsThereAndRefusesAnother() {
		Long count = this.asyncOrm.atomic("other", () -> {
			this.boxes.getOrCreate(Map.of("name", "in other")).join();
			return this.boxes.count().join();
		}).join();
		assertThat(count).isEqualTo(1);
		assertThat(names(SECOND_URL)).containsExactly("in other");
		assertThat(names(TestDatabase.current().url())).isEmpty();

		assertThat(this.asyncOrm.atomic("other", () -> this.boxes.using("default").count().join()))
			.failsWithin(java.time.Duration.ofSeconds(10))
			.withThrowableThat()
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageStartingWith("Cannot use the database 'default' inside a transaction on 'other'");
		assertThat(this.asyncOrm.atomic("other", () -> this.boxes.using("other").count().join()).join()).isEqualTo(1);
	}

	@Test
	void aRouterDecidesWhereOperationsThatNameNoDatabaseGo() {
		insert(SECOND_URL, "routed");
		Routing.READS.set("other");
		assertThat(this.boxes.valuesList("name", String.class).list().join()).containsExactly("routed");
		assertThat(this.boxes.count().join()).isEqualTo(1);
		// Writes have no router's opinion: they go to default.
		this.boxes.getOrCreate(Map.of("name", "written")).join();
		assertThat(names(TestDatabase.current().url())).containsExactly("written");
		// using() overrides the router.
		assertThat(this.boxes.using("default").valuesList("name", String.class).list().join()).containsExactly("written");
	}

	@Test
	void anInstanceIsSavedAndDeletedWhereItWasReadFrom() {
		insert(SECOND_URL, "remote");
		insert(TestDatabase.current().url(), "remote");
		Box box = this.boxes.using("other").get("name", "remote").join();

		this.boxes.save(box, "name").join();
		this.boxes.delete(box).join();

		assertThat(names(SECOND_URL)).isEmpty();
		assertThat(names(TestDatabase.current().url())).containsExactly("remote");
	}

	@Test
	void instancesOfDifferentDatabasesCannotBeRelatedUnlessARouterAllowsIt() {
		Pizza pizza = this.pizzas.create(new Pizza("margherita", null)).join();
		Topping remote = this.toppings.dbManager("other").create(new Topping("basil")).join();
		Topping local = this.toppings.create(new Topping("tomato")).join();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.related(pizza, "toppings").add(remote))
			.withMessage("Cannot add \"Topping with id " + remote.getId()
					+ "\": instance is on database \"default\", value is on database \"other\"");
		this.pizzas.related(pizza, "toppings").add(local).join();
		assertThat(this.pizzas.related(pizza, "toppings").valuesList("name", String.class).list().join())
			.containsExactly("tomato");
	}

	@Test
	void aRelatedManagerOfAnInstanceFromADatabaseWritesThere() {
		Pizza pizza = this.pizzas.dbManager("other").create(new Pizza("marinara", null)).join();

		Topping basil = this.pizzas.<Topping>related(pizza, "toppings").create(Map.of("name", "basil")).join();
		this.pizzas.<Topping>related(pizza, "toppings").getOrCreate(Map.of("name", "garlic")).join();

		assertThat(count(SECOND_URL, "select count(*) from topping")).isEqualTo(2);
		assertThat(count(SECOND_URL, "select count(*) from pizza_toppings")).isEqualTo(2);
		assertThat(count(TestDatabase.current().url(), "select count(*) from pizza_toppings")).isZero();
		assertThat(count(TestDatabase.current().url(), "select count(*) from topping")).isZero();
		assertThat(this.pizzas.related(pizza, "toppings").using("other").count().join()).isEqualTo(2);
		assertThat(this.toppings.dbManager("other").get("name", "basil").join().getId()).isEqualTo(basil.getId());
	}

	@Test
	void aDatabaseWhoseConnectionsAreAllTakenHoldsBackOnlyItsOwnOperations() throws InterruptedException {
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(3);
		// "other" has a pool of 3 connections, and so 3 threads: 3 transactions hold them, 17 queue. On one
		// executor shared with default (10 threads), the 17 would take every thread, waiting for a connection.
		java.util.List<java.util.concurrent.CompletableFuture<Long>> others = java.util.stream.IntStream.range(0, 20)
			.mapToObj((i) -> this.asyncOrm.atomic("other", () -> {
				long count = this.boxes.count().join();
				holding.countDown();
				release.await();
				return count;
			}))
			.toList();
		assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

		assertThat(this.boxes.count()).succeedsWithin(java.time.Duration.ofSeconds(10)).isEqualTo(0L);
		assertThat(others).noneMatch(java.util.concurrent.CompletableFuture::isDone);

		release.countDown();
		assertThat(others).allSatisfy((future) -> assertThat(future).succeedsWithin(java.time.Duration.ofSeconds(10)));
	}

	@Test
	void operationsAreTaggedWithTheirDatabase() {
		this.boxes.using("other").count().join();
		this.boxes.count().join();
		assertThat(this.meters.get("async.orm.operations").tag("repository", "BoxRepository").tag("operation", "count")
			.tag("database", "other").timer().count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("async.orm.operations").tag("repository", "BoxRepository").tag("operation", "count")
			.tag("database", "default").timer().count()).isGreaterThanOrEqualTo(1);
	}

	private static void emptyBoxes(String url) {
		execute(url, "delete from pizza_toppings", "delete from pizza", "delete from topping", "delete from box");
	}

	private static void insert(String url, String name) {
		execute(url, "insert into box (name) values ('" + name + "')");
	}

	private static void execute(String url, String... statements) {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.current().username(), "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long count(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.current().username(), "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static java.util.List<String> names(String url) {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.current().username(), "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name from box order by id")) {
			java.util.List<String> names = new java.util.ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(1));
			}
			return names;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A router whose reads of boxes a test can send to a database. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Routing {

		static final AtomicReference<String> READS = new AtomicReference<>();

		@Bean
		AsyncOrmRouter boxReads() {
			return new AsyncOrmRouter() {

				@Override
				public Optional<String> dbForRead(Class<?> model, RoutingHints hints) {
					return (model == Box.class) ? Optional.ofNullable(READS.get()) : Optional.empty();
				}

			};
		}

	}

}
