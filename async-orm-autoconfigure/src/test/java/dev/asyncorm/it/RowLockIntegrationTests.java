package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.asyncorm.AsyncOrm;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.SelectForUpdateOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.PessimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The lock clause of {@code selectForUpdate()} as Django writes it: {@code FOR UPDATE} in the
 * statement that reads the rows, joins or not, and on PostgreSQL {@code FOR NO KEY UPDATE} and
 * {@code FOR UPDATE OF}.
 */
class RowLockIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private StoryRepository stories;

	@Autowired
	private AsyncOrm orm;

	@BeforeEach
	void seed() {
		Box box = persist(new Box("square"));
		persist(new Pizza("margherita", box));
		persist(new Pizza("funghi", null));
		persist(new Story("scoop", persist(new Reporter("ann"))));
	}

	@Test
	void theRowsAreReadWithForUpdateAsDjangoWritesIt() {
		List<String> sql = lockingStatements(this.pizzas.filter("name", "margherita").selectForUpdate(),
				this.pizzas.filter("name", "funghi").selectForUpdate(),
				this.pizzas.filter("name", "funghi").selectForUpdate(true, false),
				this.pizzas.filter("name", "funghi").selectForUpdate(false, true),
				this.pizzas.filter("name", "funghi").orderBy("name").slice(0, 1).selectForUpdate());
		assertThat(sql).hasSize(5);
		assertThat(sql.get(0)).endsWith(" where p1_0.name=? for update");
		// The same shape again, its translation taken from Hibernate's plan cache, is locked too.
		assertThat(sql.get(1)).isEqualTo(sql.get(0));
		assertThat(sql.get(2)).endsWith(" for update nowait");
		assertThat(sql.get(3)).endsWith(" for update skip locked");
		assertThat(sql.get(4)).endsWith(" for update").containsIgnoringCase("order by");
	}

	@Test
	void aReadThatJoinsIsLockedInItsOwnStatement() {
		List<String> sql = lockingStatements(this.pizzas.selectRelated("box").selectForUpdate(),
				this.pizzas.filter("box__name", "square").selectForUpdate());
		assertThat(sql).hasSize(2);
		if (database() == TestDatabase.POSTGRES) {
			// PostgreSQL cannot lock the nullable side of an outer join: the pizzas' rows are locked.
			assertThat(sql).allSatisfy((statement) -> assertThat(statement)
				.matches(Pattern.compile(".* from pizza (\\w+) left join box \\w+ on .* for update of \\1", Pattern.DOTALL)));
		}
		else {
			assertThat(sql).allSatisfy((statement) -> assertThat(statement).contains(" join box ").endsWith(" for update"));
		}
	}

	@Test
	void aRowLockedWithItsRelationBlocksAnotherLock() throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<List<Pizza>> holder = this.orm.atomic(() -> {
			List<Pizza> rows = this.pizzas.filter("name", "margherita").selectRelated("box").selectForUpdate().list().join();
			locked.countDown();
			release.await(20, TimeUnit.SECONDS);
			return rows;
		});
		try {
			assertThat(locked.await(20, TimeUnit.SECONDS)).isTrue();
			assertThat(this.orm.atomic(() -> this.pizzas.filter("name", "margherita").selectForUpdate(true, false)
				.list().join()))
				.failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.satisfies((ex) -> assertThat(ex).hasCauseInstanceOf(PessimisticLockingFailureException.class));
		}
		finally {
			release.countDown();
		}
		assertThat(holder).succeedsWithin(TIMEOUT)
			.satisfies((rows) -> assertThat(rows).singleElement().satisfies((pizza) -> assertThat(pizza.getBox().getName())
				.isEqualTo("square")));
	}

	@Test
	void anUpdateFlushedBeforeTheLockingReadKeepsItsStatement() {
		this.recorder.reset();
		this.orm.atomic(() -> {
			Pizza pizza = this.pizzas.get("name", "funghi").join();
			pizza.setPrice(12);
			return this.pizzas.filter("price", 12).selectForUpdate().list().join();
		}).join();
		List<String> sql = this.recorder.sql();
		assertThat(sql).filteredOn((statement) -> statement.startsWith("update"))
			.singleElement()
			.satisfies((update) -> assertThat(update).doesNotContain("for update"));
		assertThat(sql).filteredOn((statement) -> statement.contains("p1_0.price=?"))
			.singleElement()
			.satisfies((select) -> assertThat(select).endsWith(" for update"));
	}

	@Test
	void noKeyAndOfArePostgresqlsLocks() {
		SelectForUpdateOptions noKey = SelectForUpdateOptions.defaults().noKey(true);
		SelectForUpdateOptions ofBoth = SelectForUpdateOptions.defaults().of("self", "reporter").nowait(true);
		if (database() != TestDatabase.POSTGRES) {
			assertThat(this.orm.atomic(() -> this.pizzas.selectForUpdate(noKey).list().join())).failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.withRootCauseExactlyInstanceOf(InvalidDataAccessApiUsageException.class)
				.withMessageContaining("FOR NO KEY UPDATE is not supported on this database backend.");
			assertThat(this.orm.atomic(() -> this.stories.selectRelated("reporter").selectForUpdate(ofBoth).list().join()))
				.failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.withRootCauseExactlyInstanceOf(InvalidDataAccessApiUsageException.class)
				.withMessageContaining("FOR UPDATE OF is not supported on this database backend.");
			return;
		}
		List<String> sql = lockingStatements(this.pizzas.filter("name", "funghi").selectForUpdate(noKey),
				this.pizzas.filter("name", "margherita").selectForUpdate(SelectForUpdateOptions.defaults().of("self")));
		assertThat(sql.get(0)).endsWith(" where p1_0.name=? for no key update");
		assertThat(sql.get(1)).matches(Pattern.compile(".* from pizza (\\w+) where .* for update of \\1", Pattern.DOTALL));
		this.recorder.reset();
		List<Story> locked = this.orm.atomic(() -> {
			this.stories.selectRelated("reporter").selectForUpdate(ofBoth).list().join();
			return this.stories.selectRelated("reporter")
				.selectForUpdate(SelectForUpdateOptions.defaults().of("reporter").skipLocked(true))
				.list()
				.join();
		}).join();
		assertThat(locked).singleElement().satisfies((story) -> assertThat(story.getReporter().getName()).isEqualTo("ann"));
		assertThat(this.recorder.sql()).filteredOn((statement) -> statement.startsWith("select"))
			.satisfiesExactly(
					(both) -> assertThat(both).matches(Pattern.compile(
							".* from story (\\w+) join reporter (\\w+) on .* for update of \\1,\\2 nowait", Pattern.DOTALL)),
					(reporter) -> assertThat(reporter).matches(Pattern.compile(
							".* join reporter (\\w+) on .* for update of \\1 skip locked", Pattern.DOTALL)));
		// An optional relation is read with an outer join, whose nullable side PostgreSQL cannot lock.
		assertThat(this.orm.atomic(() -> this.pizzas.selectRelated("box")
			.selectForUpdate(SelectForUpdateOptions.defaults().of("self", "box"))
			.list()
			.join())).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withRootCauseExactlyInstanceOf(InvalidDataAccessApiUsageException.class)
			.withMessageContaining("selectForUpdate(of(\"box\")) cannot lock Pizza.box: the relation is optional");
	}

	@Test
	void ofNamesOnlyRelationsTheQuerysetFollows() {
		assumeThat(database()).isEqualTo(TestDatabase.POSTGRES);
		assertThat(this.orm.atomic(() -> this.pizzas.all()
			.selectForUpdate(SelectForUpdateOptions.defaults().of("self", "box", "crust"))
			.list()
			.join())).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withRootCauseExactlyInstanceOf(InvalidLookupException.class)
			.withMessageContaining("Invalid field name(s) given in selectForUpdate(of(...)): box, crust. Only relational "
					+ "fields followed in the query are allowed. Choices are: self.");
	}

	/** The statements that read locked rows, one per queryset, each listed inside one transaction. */
	@SafeVarargs
	private List<String> lockingStatements(AsyncQuerySet<Pizza>... querysets) {
		this.recorder.reset();
		this.orm.atomic(() -> {
			for (AsyncQuerySet<Pizza> queryset : querysets) {
				queryset.list().join();
			}
			return null;
		}).join();
		return this.recorder.sql().stream().filter((statement) -> statement.startsWith("select")).toList();
	}

}
