package dev.asyncorm.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.AsyncOrm;
import dev.asyncorm.CreateResult;
import dev.asyncorm.F;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's cases that need no network fault: overload, races, nesting at four times the
 * pool, hostile input. Each asserts its figures and prints them. A small pool and queue, so that
 * overload and nesting are reached quickly.
 */
@SpringBootTest(classes = TestApplication.class, properties = { "spring.datasource.hikari.maximum-pool-size=4",
		"async-orm.executor.queue-capacity=1000" })
class FaultSuiteIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	private TagRepository tags;

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private ToppingRepository toppings;

	@Autowired
	private AsyncOrm orm;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private DataSource dataSource;

	@Test
	void overloadCompletesEveryFutureAndLeaksNoConnection() throws Exception {
		double rejectedBefore = count("TagRepository", "count", "rejected");
		List<CompletableFuture<Long>> futures = new ArrayList<>(100_000);
		long start = System.nanoTime();
		for (int i = 0; i < 100_000; i++) {
			futures.add(this.tags.count());
		}
		CompletableFuture.allOf(futures.stream().map((future) -> future.exceptionally((ex) -> -1L))
			.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

		int succeeded = 0;
		int rejected = 0;
		int other = 0;
		int hung = 0;
		for (CompletableFuture<Long> future : futures) {
			if (!future.isDone()) {
				hung++;
			}
			else if (!future.isCompletedExceptionally()) {
				succeeded++;
			}
			else if (cause(future) instanceof TaskRejectedException) {
				rejected++;
			}
			else {
				other++;
			}
		}
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		await().atMost(TIMEOUT).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
		double rejectedCounted = count("TagRepository", "count", "rejected") - rejectedBefore;
		System.out.printf("overload on %s: 100,000 submissions against queue-capacity 1,000 in %d ms: %d succeeded, "
				+ "%d rejected (outcome=rejected counted %d), %d other failures, %d hung, %d connections still active%n",
				database(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), succeeded, rejected,
				(long) rejectedCounted, other, hung, pool.getHikariPoolMXBean().getActiveConnections());

		assertThat(hung).isZero();
		assertThat(other).isZero();
		assertThat(succeeded + rejected).isEqualTo(100_000);
		assertThat(rejected).isPositive();
		assertThat(rejectedCounted).isEqualTo(rejected);
	}

	@Test
	void concurrentGetOrCreateOfOneKeyMakesOneRow() {
		List<CompletableFuture<CreateResult<Tag>>> futures = IntStream.range(0, 64)
			.mapToObj((i) -> this.tags.getOrCreate(Map.of("name", "race"), Map.of("uses", 1)))
			.toList();

		List<CreateResult<Tag>> results = futures.stream().map(CompletableFuture::join).toList();

		long created = results.stream().filter(CreateResult::created).count();
		long ids = results.stream().map((result) -> result.object().getId()).distinct().count();
		Integer rows = new JdbcTemplate(this.dataSource).queryForObject("select count(*) from tag where name = 'race'",
				Integer.class);
		System.out.printf("races on %s: 64 concurrent getOrCreate of one key: %d row(s), %d created, %d distinct id(s)%n",
				database(), rows, created, ids);
		assertThat(rows).isEqualTo(1);
		assertThat(created).isEqualTo(1);
		assertThat(ids).isEqualTo(1);
	}

	@Test
	void concurrentAddsOfOnePairMakeOneJoinRow() {
		Pizza pizza = persist(new Pizza("margherita", null));
		Topping cheese = persist(new Topping("cheese"));
		List<CompletableFuture<Void>> futures = IntStream.range(0, 64)
			.mapToObj((i) -> this.pizzas.<Topping>related(pizza, "toppings").add(cheese))
			.toList();

		int failed = 0;
		for (CompletableFuture<Void> future : futures) {
			try {
				future.join();
			}
			catch (CompletionException ex) {
				failed++;
			}
		}

		Integer rows = new JdbcTemplate(this.dataSource).queryForObject("select count(*) from pizza_toppings",
				Integer.class);
		System.out.printf("races on %s: 64 concurrent add of one pair: %d join row(s), %d failed%n", database(), rows,
				failed);
		assertThat(rows).isEqualTo(1);
		assertThat(failed).isZero();
	}

	@Test
	void nestingAtFourTimesThePoolNeitherDeadlocksNorFails() throws Exception {
		persist(new Tag("nested"));
		int callers = 4 * 4;
		List<CompletableFuture<?>> futures = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < callers; i++) {
			// A chain whose next operations start from completion callbacks on executor threads.
			futures.add(this.tags.count()
				.thenCompose((count) -> this.tags.filter("name", "nested").list())
				.thenCompose((rows) -> this.pizzas.count()));
			// An atomic block that calls other repositories, blocking on them inside.
			futures.add(this.orm.atomic(() -> this.tags.count().join() + this.pizzas.count().join()
					+ this.toppings.count().join()));
		}
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		System.out.printf("nesting on %s: %d chains and %d atomic blocks on a pool of 4 completed in %d ms%n",
				database(), callers, callers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		assertThat(futures).allSatisfy((future) -> assertThat(future).isCompleted().isNotCompletedExceptionally());
	}

	@Test
	void hostileInputFailsWhenTheQueryIsBuiltAndNeverReachesTheDatabase() {
		List<String> inputs = hostileInputs(10_000);
		AtomicInteger refused = new AtomicInteger();
		List<String> unexpected = new ArrayList<>();
		this.recorder.reset();
		for (String input : inputs) {
			attempt(input, (value) -> this.tags.filter(value, "x"), refused, unexpected);
			attempt(input, (value) -> this.tags.orderBy(value), refused, unexpected);
			attempt(input, (value) -> this.tags.values(value), refused, unexpected);
			attempt(input, (value) -> this.tags.all().update(Map.of("uses", F.of(value))), refused, unexpected);
		}
		int statements = this.recorder.statements().size();
		System.out.printf("hostile input on %s: %d strings x 4 uses: %d refused with InvalidDataAccessApiUsageException, "
				+ "%d other outcomes, %d statements sent%n", database(), inputs.size(), refused.get(), unexpected.size(),
				statements);
		assertThat(unexpected).isEmpty();
		assertThat(refused).hasValue(4 * inputs.size());
		assertThat(statements).isZero();
	}

	private static void attempt(String input, Function<String, Object> use, AtomicInteger refused,
			List<String> unexpected) {
		try {
			Object built = use.apply(input);
			if (built instanceof CompletableFuture<?> future) {
				future.join();
			}
			unexpected.add("accepted: " + abbreviate(input));
		}
		catch (InvalidDataAccessApiUsageException ex) {
			refused.incrementAndGet();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof InvalidDataAccessApiUsageException) {
				refused.incrementAndGet();
			}
			else {
				unexpected.add(ex.getCause().getClass().getSimpleName() + ": " + abbreviate(input));
			}
		}
		catch (RuntimeException ex) {
			unexpected.add(ex.getClass().getSimpleName() + ": " + abbreviate(input));
		}
	}

	/** Strings that name no field of Tag: SQL fragments, unicode, separators, very long ones, random ones. */
	private static List<String> hostileInputs(int count) {
		List<String> inputs = new ArrayList<>(List.of("name; drop table tag", "' or 1=1 --", "name) or (1=1",
				"name__in__in", "__", "name__", "__name", "name__nolookup", "id--", "name\u0000", "nämé", "имя", "名字",
				"\uD83D\uDE00", "name\nuses", "uses + 1", "tag.name", "t1_0.name", "count(*)", "name__regex__x",
				"-", "--name", "name?", "x".repeat(10_000), "name__".repeat(500), " name", "name ", "NAME"));
		Random random = new Random(42);
		String alphabet = "abcdefghijklmnopqrstuvwxyz_-;'\"()*%$.,:=<> \t\\/\u00e9\u4e2d\u0000";
		while (inputs.size() < count) {
			int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 2_000 : 24);
			StringBuilder input = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				input.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			inputs.add(input.toString());
		}
		return inputs;
	}

	private static String abbreviate(String input) {
		return (input.length() > 40) ? input.substring(0, 40) + "…(" + input.length() + " chars)" : input;
	}

	private static Throwable cause(CompletableFuture<?> future) {
		try {
			future.join();
			return null;
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
	}

	private double count(String repository, String operation, String outcome) {
		Timer timer = this.meters.find("async.orm.operations")
			.tags("repository", repository, "operation", operation, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
