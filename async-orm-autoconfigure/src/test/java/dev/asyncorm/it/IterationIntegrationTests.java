package dev.asyncorm.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.AsyncOrm;
import dev.asyncorm.AsyncQuerySet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code iterator()} and {@code forEach()}: every row once, in order, one SELECT per chunk, read
 * only on demand, stopped by cancel, on every database; and a long table streamed through a
 * small heap.
 */
class IterationIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** How long a subscription must stay quiet to count as having stopped. */
	private static final Duration QUIET = Duration.ofMillis(300);

	private static final LocalDateTime TAKEN_AT = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000);

	@Autowired
	private ReadingRepository readings;

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private AsyncOrm asyncOrm;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private DataSource dataSource;

	@BeforeEach
	@AfterEach
	void emptyReadings() {
		this.jdbc.update("delete from reading");
		this.recorder.reset();
	}

	@Test
	void iteratorSendsEveryRowOnceByPrimaryKeyWithOneSelectPerChunk() {
		List<Long> ids = seed(10);
		double chunksBefore = successes("iterator");
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.all().iterator(3), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids);
		// 3 + 3 + 3 + 1: a short chunk is the last one.
		assertThat(selects()).isEqualTo(4);
		assertThat(this.recorder.transactionEvents()).isEmpty();
		assertThat(this.recorder.statements()).allSatisfy((statement) -> assertThat(statement.thread()).startsWith("async-orm-"));
		assertThat(successes("iterator") - chunksBefore).isEqualTo(4);
	}

	@Test
	void aFullLastChunkTakesOneMoreSelectToFindTheEnd() {
		List<Long> ids = seed(9);
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.all().iterator(3), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids);
		assertThat(selects()).isEqualTo(4);
	}

	@Test
	void explicitOrderWithTiesIsFollowedAcrossChunksWithThePrimaryKeyAsTieBreaker() {
		seed(20);
		List<Reading> expected = this.readings.list().join().stream()
			.sorted(Comparator.comparing(Reading::getSite)
				.thenComparing(Comparator.comparing(Reading::getScore).reversed())
				.thenComparing(Reading::getId))
			.toList();
		this.recorder.reset();
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber
			.subscribe(this.readings.orderBy("site", "-score").iterator(3), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids(expected));
		assertThat(selects()).isEqualTo(7);
	}

	@Test
	void descendingPrimaryKeyIsFollowed() {
		List<Long> ids = new ArrayList<>(seed(7));
		Collections.reverse(ids);
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.orderBy("-pk").iterator(3),
				Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids);
		assertThat(selects()).isEqualTo(3);
	}

	@Test
	void timestampsToTheMicrosecondKeepTheirOrderAcrossChunks() {
		seed(13);
		List<Reading> expected = this.readings.list().join().stream()
			.sorted(Comparator.comparing(Reading::getTakenAt).reversed().thenComparing(Reading::getId))
			.toList();
		this.recorder.reset();
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber
			.subscribe(this.readings.orderBy("-takenAt").iterator(2), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids(expected));
		assertThat(subscriber.items.get(0).getTakenAt()).isEqualTo(TAKEN_AT.plusSeconds(3));
	}

	@Test
	void textIsComparedAsTheDatabaseCollatesIt() {
		List<String> sites = List.of("a", "B", "b", "A", "\u00e9", "e", "a ", "ab", "Z", "", "a", "b ");
		seed(sites.size(), sites::get);
		// Each database's own order (case, accents and trailing spaces differ between them).
		List<Long> expected = ids(this.readings.orderBy("site", "pk").list().join());
		this.recorder.reset();
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.orderBy("site").iterator(2),
				Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(expected);
		assertThat(selects()).isEqualTo(7);
	}

	@Test
	void withoutAnExplicitOrderRowsComeInTheModelsDefaultOrdering() {
		Article c = persist(new Article("c", null, LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0), null));
		Article a = persist(new Article("a", null, LocalDate.of(2024, 1, 2), LocalDateTime.of(2024, 1, 2, 0, 0), null));
		Article b = persist(new Article("b", null, LocalDate.of(2024, 1, 3), LocalDateTime.of(2024, 1, 3, 0, 0), null));
		RecordingSubscriber<Article> subscriber = RecordingSubscriber.subscribe(this.articles.all().iterator(2), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(subscriber.items).extracting(Article::getId).containsExactly(a.getId(), b.getId(), c.getId());
		RecordingSubscriber<Article> reversed = RecordingSubscriber.subscribe(this.articles.reverse().iterator(2),
				Long.MAX_VALUE);
		assertThat(reversed.done).succeedsWithin(TIMEOUT);
		assertThat(reversed.items).extracting(Article::getId).containsExactly(c.getId(), b.getId(), a.getId());
		RecordingSubscriber<Article> byId = RecordingSubscriber.subscribe(this.articles.orderBy().iterator(2),
				Long.MAX_VALUE);
		assertThat(byId.done).succeedsWithin(TIMEOUT);
		assertThat(byId.items).extracting(Article::getId).containsExactly(c.getId(), a.getId(), b.getId());
	}

	@Test
	void aRandomOrderIsRefusedWhenTheIteratorIsAskedFor() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.readings.orderBy("site", "?").iterator())
			.withMessageContaining("random order");
		assertThat(this.recorder.sql()).isEmpty();
	}

	/**
	 * An order across a collection repeats a pizza per related row, as {@code list()} does: no
	 * keyset can follow it, so it is read in windows of that order ({@code OFFSET}), the primary
	 * key breaking ties; a pizza without toppings comes where the database sorts {@code NULL}s.
	 */
	@Test
	void anOrderAcrossACollectionIsReadInWindowsOfThatOrder() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		Topping basil = persist(new Topping("basil"));
		Pizza margherita = new Pizza("margherita", null);
		margherita.getToppings().addAll(List.of(tomato, cheese, basil));
		persist(margherita);
		Pizza funghi = new Pizza("funghi", null);
		funghi.getToppings().add(cheese);
		persist(funghi);
		persist(new Pizza("plain", null));
		AsyncQuerySet<Pizza> byTopping = this.pizzas.orderBy("toppings__name", "name");
		List<String> expected = new ArrayList<>(List.of("margherita", "funghi", "margherita", "margherita"));
		expected.add((database() == TestDatabase.POSTGRES) ? expected.size() : 0, "plain");
		assertThat(byTopping.list().join()).extracting(Pizza::getName).containsExactlyElementsOf(expected);
		this.recorder.reset();
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		assertThat(this.pizzas.orderBy("toppings__name", "name").forEach((pizza) -> seen.add(pizza.getName())))
			.succeedsWithin(TIMEOUT);
		// Chunks of Django's 2,000 rows: one window holds the five.
		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(selects()).isEqualTo(1);
		this.recorder.reset();
		RecordingSubscriber<Pizza> byTwo = RecordingSubscriber.subscribe(byTopping.iterator(2), Long.MAX_VALUE);
		assertThat(byTwo.done).succeedsWithin(TIMEOUT);
		assertThat(byTwo.items).extracting(Pizza::getName).containsExactlyElementsOf(expected);
		// Five rows by two: two full windows and a short one.
		assertThat(selects()).isEqualTo(3);
		RecordingSubscriber<Pizza> sliced = RecordingSubscriber.subscribe(byTopping.slice(1, 4).iterator(2),
				Long.MAX_VALUE);
		assertThat(sliced.done).succeedsWithin(TIMEOUT);
		assertThat(sliced.items).extracting(Pizza::getName).containsExactlyElementsOf(expected.subList(1, 4));
	}

	/**
	 * A nullable field: its NULLs come where the database sorts them, as in {@code list()}: last in
	 * ascending order on PostgreSQL, first on H2 and MariaDB.
	 */
	@Test
	void nullableFieldsAreFollowedWithTheirNullsWhereTheDatabaseSortsThem() {
		seed(10);
		this.jdbc.update("update reading set note = case mod(id, 3) when 0 then null when 1 then 'x' else 'y' end");
		assertStreams(this.readings.orderBy("note").iterator(3), ids(this.readings.orderBy("note", "id").list().join()), 4);
		assertStreams(this.readings.orderBy("-note", "score").iterator(4),
				ids(this.readings.orderBy("-note", "score", "id").list().join()), 3);
		assertStreams(this.readings.orderBy("note").reverse().iterator(2),
				ids(this.readings.orderBy("-note", "id").list().join()), 6);
		String first = this.readings.orderBy("note").first().join().orElseThrow().getNote();
		assertThat(first).isEqualTo((database() == TestDatabase.POSTGRES) ? "x" : null);
	}

	@Test
	void chunkSizeMustBePositive() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.readings.all().iterator(0))
			.withMessage("Chunk size must be strictly positive, got 0.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.readings.all().iterator(-1));
	}

	@Test
	void rowsAreSentOnlyAsRequestedAndOnlyTheChunksNeededAreRead() {
		List<Long> ids = seed(10);
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.all().iterator(3), 0);
		assertStaysAt(subscriber, 0);
		assertThat(selects()).isZero();
		subscriber.request(2);
		assertStaysAt(subscriber, 2);
		assertThat(selects()).isEqualTo(1);
		subscriber.request(2);
		assertStaysAt(subscriber, 4);
		assertThat(selects()).isEqualTo(2);
		subscriber.request(100);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids);
		assertThat(selects()).isEqualTo(4);
	}

	@Test
	void requestsFromInsideOnNextAreServedWithoutRecursion() {
		List<Long> ids = seed(5000);
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.oneAtATime(this.readings.all().iterator(50));
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(ids);
		assertThat(selects()).isEqualTo(101);
	}

	@Test
	void cancelStopsTheReading() {
		seed(10);
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.all().iterator(3), 4);
		await().atMost(TIMEOUT).until(() -> subscriber.items.size() == 4);
		subscriber.subscription.cancel();
		subscriber.request(10);
		assertStaysAt(subscriber, 4);
		assertThat(subscriber.done).isNotDone();
		assertThat(selects()).isEqualTo(2);
	}

	@Test
	void requestOfZeroOrLessEndsTheStreamWithIllegalArgumentException() {
		seed(5);
		RecordingSubscriber<Reading> idle = RecordingSubscriber.subscribe(this.readings.all().iterator(3), 0);
		idle.request(0);
		assertThat(idle.done).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(IllegalArgumentException.class);
		assertThat(selects()).isZero();
		RecordingSubscriber<Reading> reading = RecordingSubscriber.subscribe(this.readings.all().iterator(3), 1);
		await().atMost(TIMEOUT).until(() -> reading.items.size() == 1);
		reading.request(-1);
		assertThat(reading.done).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(IllegalArgumentException.class);
		assertStaysAt(reading, 1);
		assertThat(selects()).isEqualTo(1);
	}

	@Test
	void eachSubscriptionRunsItsOwnQueries() {
		List<Long> ids = seed(5);
		Flow.Publisher<Reading> publisher = this.readings.all().iterator(2);
		RecordingSubscriber<Reading> first = RecordingSubscriber.subscribe(publisher, Long.MAX_VALUE);
		assertThat(first.done).succeedsWithin(TIMEOUT);
		Long added = this.readings.create(new Reading("c", 1, TAKEN_AT)).join().getId();
		RecordingSubscriber<Reading> second = RecordingSubscriber.subscribe(publisher, Long.MAX_VALUE);
		assertThat(second.done).succeedsWithin(TIMEOUT);
		assertThat(ids(first.items)).containsExactlyElementsOf(ids);
		assertThat(ids(second.items)).containsSubsequence(ids).endsWith(added).hasSize(6);
		// 2 + 2 + 1, then 2 + 2 + 2 + 0.
		assertThat(selects()).isEqualTo(3 + 4);
	}

	@Test
	void slicedQuerysetsStreamTheirWindowOnly() {
		List<Long> ids = seed(10);
		List<Long> descending = new ArrayList<>(ids);
		Collections.reverse(descending);
		// 2 + 2 + 1: the slice's end is known, so no query looks past it.
		assertStreams(this.readings.slice(2, 7).iterator(2), ids.subList(2, 7), 3);
		assertStreams(this.readings.offset(8).iterator(3), ids.subList(8, 10), 1);
		assertStreams(this.readings.limit(6).iterator(3), ids.subList(0, 6), 2);
		assertStreams(this.readings.orderBy("-pk").slice(1, 4).iterator(2), descending.subList(1, 4), 2);
		assertStreams(this.readings.filter("site", "a").offset(1).limit(3).iterator(2),
				List.of(ids.get(2), ids.get(4), ids.get(6)), 2);
	}

	@Test
	void noneAndEmptySlicesCompleteAtOnceWithoutAQuery() {
		seed(3);
		RecordingSubscriber<Reading> none = RecordingSubscriber.subscribe(this.readings.none().iterator(), 0);
		assertThat(none.done).succeedsWithin(TIMEOUT);
		RecordingSubscriber<Reading> empty = RecordingSubscriber.subscribe(this.readings.limit(0).iterator(), 0);
		assertThat(empty.done).succeedsWithin(TIMEOUT);
		assertThat(this.readings.none().forEach((reading) -> {
			throw new IllegalStateException("no row expected");
		})).succeedsWithin(TIMEOUT);
		assertThat(none.items).isEmpty();
		assertThat(empty.items).isEmpty();
		assertThat(this.recorder.sql()).isEmpty();
		RecordingSubscriber<Reading> nothingMatches = RecordingSubscriber
			.subscribe(this.readings.filter("site", "nowhere").iterator(), 1);
		assertThat(nothingMatches.done).succeedsWithin(TIMEOUT);
		assertThat(selects()).isEqualTo(1);
	}

	@Test
	void forEachCallsTheActionForEveryRowOnTheExecutorReadingChunksOfTheConfiguredSize() {
		List<Long> ids = seed(2001);
		double chunksBefore = successes("forEach");
		List<Long> seen = Collections.synchronizedList(new ArrayList<>());
		Set<String> threads = ConcurrentHashMap.newKeySet();
		assertThat(this.readings.forEach((reading) -> {
			seen.add(reading.getId());
			threads.add(Thread.currentThread().getName());
		})).succeedsWithin(TIMEOUT);
		assertThat(seen).containsExactlyElementsOf(ids);
		// On the executor threads that read the chunks; a chunk read before the callback delivering it
		// was attached (a busy machine can pause the subscribing thread between the two) is
		// delivered by the thread that requested it, here the test's.
		String subscribing = Thread.currentThread().getName();
		assertThat(threads).allSatisfy((thread) -> assertThat(thread).satisfiesAnyOf(
				(name) -> assertThat(name).startsWith("async-orm-"), (name) -> assertThat(name).isEqualTo(subscribing)));
		// async-orm.iterator.chunk-size defaults to Django's 2000.
		assertThat(selects()).isEqualTo(2);
		assertThat(successes("forEach") - chunksBefore).isEqualTo(2);
	}

	@Test
	void forEachFailsWithTheActionsExceptionAndReadsNoFurtherChunk() {
		seed(2001);
		AtomicInteger calls = new AtomicInteger();
		CompletableFuture<Void> done = this.readings.forEach((reading) -> {
			if (calls.incrementAndGet() == 5) {
				throw new IllegalStateException("boom");
			}
		});
		assertThat(done).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("boom");
		await().during(QUIET).atMost(TIMEOUT).until(() -> calls.get() == 5);
		assertThat(selects()).isEqualTo(1);
	}

	@Test
	void insideAtomicChunksAreReadInItsTransactionOnItsThread() {
		List<Long> ids = seed(5);
		assertThat(this.asyncOrm.atomic(() -> {
			RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.all().iterator(2),
					Long.MAX_VALUE);
			subscriber.done.join();
			List<Long> seen = new ArrayList<>();
			this.readings.forEach((reading) -> seen.add(reading.getId())).join();
			return List.of(ids(subscriber.items), seen);
		})).succeedsWithin(TIMEOUT).isEqualTo(List.of(ids, ids));
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.recorder.statements()).extracting(JdbcRecorder.Statement::thread).containsOnly(
				this.recorder.statements().get(0).thread());
		assertThat(selects()).isEqualTo(3 + 1);
	}

	@Test
	void cancellingTheFutureOfForEachStopsTheReading() throws InterruptedException {
		seed(2001);
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch inAction = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> done = this.readings.forEach((reading) -> {
			calls.incrementAndGet();
			inAction.countDown();
			await().atMost(TIMEOUT).until(() -> release.getCount() == 0);
		});
		assertThat(inAction.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		done.cancel(true);
		release.countDown();
		await().during(QUIET).atMost(TIMEOUT).until(() -> calls.get() == 1);
		assertThat(selects()).isEqualTo(1);
	}

	@Test
	void aFailedReadEndsTheStreamWithADataAccessExceptionAndReturnsTheConnection() {
		seed(5);
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(this.readings.all().iterator(2), 2);
		await().atMost(TIMEOUT).until(() -> subscriber.items.size() == 2);
		this.jdbc.execute("alter table reading rename to reading_away");
		try {
			subscriber.request(2);
			assertThat(subscriber.done).failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(InvalidDataAccessResourceUsageException.class);
		}
		finally {
			this.jdbc.execute("alter table reading_away rename to reading");
		}
		assertThat(subscriber.items).hasSize(2);
		HikariDataSource pool = unwrap(this.dataSource);
		await().atMost(TIMEOUT).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
	}

	@Test
	void relatedManagersIterateTheirOwnRows() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		persist(new Topping("bacon"));
		Pizza margherita = new Pizza("margherita", null);
		margherita.getToppings().addAll(List.of(tomato, cheese));
		persist(margherita);
		this.recorder.reset();
		RecordingSubscriber<Topping> subscriber = RecordingSubscriber
			.subscribe(this.pizzas.<Topping>related(margherita, "toppings").orderBy("name").iterator(1), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(subscriber.items).extracting(Topping::getName).containsExactly("cheese", "tomato");
		assertThat(selects()).isEqualTo(3);
	}

	/**
	 * A filter across a many-to-many relation repeats a pizza per matching topping in
	 * {@code list()}, as in Django; a keyset cannot tell the copies apart, so the iteration gives
	 * each pizza once, whatever the chunk size.
	 */
	@Test
	void rowsThatJoinsRepeatComeOnceWhateverTheChunkSize() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		Pizza margherita = new Pizza("margherita", null);
		margherita.getToppings().addAll(List.of(tomato, cheese));
		persist(margherita);
		persist(new Pizza("plain", null));
		AsyncQuerySet<Pizza> withEither = this.pizzas.filter("toppings__name__in", List.of("cheese", "tomato"));
		assertThat(withEither.list().join()).extracting(Pizza::getName).containsExactly("margherita", "margherita");
		for (int chunkSize : new int[] { 1, 100 }) {
			RecordingSubscriber<Pizza> subscriber = RecordingSubscriber.subscribe(withEither.iterator(chunkSize),
					Long.MAX_VALUE);
			assertThat(subscriber.done).succeedsWithin(TIMEOUT);
			assertThat(subscriber.items).extracting(Pizza::getName).containsExactly("margherita");
		}
		// A slice counts the copies, as list() does: it is read in windows of its order.
		RecordingSubscriber<Pizza> sliced = RecordingSubscriber.subscribe(withEither.slice(1, 2).iterator(1),
				Long.MAX_VALUE);
		assertThat(sliced.done).succeedsWithin(TIMEOUT);
		assertThat(sliced.items).extracting(Pizza::getName).containsExactly("margherita");
	}

	/**
	 * 200,000 rows through {@code forEach} in a JVM of 64 MB heap, where a list of them would not
	 * fit: the child JVM inserts them with plain JDBC, then counts them. On H2 the child gets a
	 * file database, as an in-memory one would hold the rows in that heap.
	 */
	@Test
	void forEachStreamsTwoHundredThousandRowsThroughA64MegabyteHeap(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("child.log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Dasync-orm.test.database=" + TestDatabase.current().name().toLowerCase(Locale.ROOT), "-cp",
				System.getProperty("java.class.path"), SmallHeapIteration.class.getName(), "200000"));
		if (TestDatabase.current() == TestDatabase.H2) {
			command.add("jdbc:h2:file:" + directory.resolve("iteration").toAbsolutePath() + ";CACHE_SIZE=8192");
		}
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean exited = child.waitFor(2, TimeUnit.MINUTES);
		if (!exited) {
			child.destroyForcibly().waitFor();
		}
		String output = Files.readString(log);
		assertThat(exited).as(output).isTrue();
		assertThat(child.exitValue()).as(output).isZero();
		Matcher result = Pattern.compile("streamed=(\\d+) ordered=(\\w+) maxHeapMb=(\\d+)").matcher(output);
		assertThat(result.find()).as(output).isTrue();
		assertThat(result.group(1)).isEqualTo("200000");
		assertThat(result.group(2)).isEqualTo("true");
		assertThat(Integer.parseInt(result.group(3))).isLessThanOrEqualTo(64);
	}

	private void assertStreams(Flow.Publisher<Reading> publisher, List<Long> expected, int selects) {
		this.recorder.reset();
		RecordingSubscriber<Reading> subscriber = RecordingSubscriber.subscribe(publisher, Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		assertThat(ids(subscriber.items)).containsExactlyElementsOf(expected);
		assertThat(selects()).as("SELECTs").isEqualTo(selects);
	}

	private static void assertStaysAt(RecordingSubscriber<?> subscriber, int rows) {
		await().during(QUIET).atMost(TIMEOUT).until(() -> subscriber.items.size() == rows);
	}

	/**
	 * Inserts rows with plain JDBC: sites alternate a, b; scores go 0, 1, 2; taken at one of four
	 * times a second apart, to the microsecond; returns the ids in order.
	 */
	private List<Long> seed(int count) {
		return seed(count, (i) -> (i % 2 == 0) ? "a" : "b");
	}

	private List<Long> seed(int count, IntFunction<String> site) {
		List<Object[]> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { site.apply(i), i % 3, Timestamp.valueOf(TAKEN_AT.plusSeconds(i % 4)) });
		}
		this.jdbc.batchUpdate("insert into reading (site, score, taken_at) values (?, ?, ?)", rows);
		List<Long> ids = this.jdbc.queryForList("select id from reading order by id", Long.class);
		this.recorder.reset();
		return ids;
	}

	private long selects() {
		return this.recorder.sql().stream()
			.filter((sql) -> sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("select"))
			.count();
	}

	private double successes(String operation) {
		Timer timer = this.meterRegistry.find("async.orm.operations")
			.tags("repository", "ReadingRepository", "operation", operation, "outcome", "success")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static List<Long> ids(List<Reading> readings) {
		return readings.stream().map(Reading::getId).toList();
	}

	private static HikariDataSource unwrap(DataSource dataSource) {
		try {
			return dataSource.unwrap(HikariDataSource.class);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Records what a publisher sends, requesting only what a test asks for. */
	static final class RecordingSubscriber<T> implements Flow.Subscriber<T> {

		final List<T> items = new CopyOnWriteArrayList<>();

		final CompletableFuture<Void> done = new CompletableFuture<>();

		private final long initialDemand;

		/** Whether each row asks for the next one, from inside {@code onNext}. */
		private final boolean oneAtATime;

		volatile Flow.Subscription subscription;

		private RecordingSubscriber(long initialDemand, boolean oneAtATime) {
			this.initialDemand = initialDemand;
			this.oneAtATime = oneAtATime;
		}

		static <T> RecordingSubscriber<T> subscribe(Flow.Publisher<T> publisher, long initialDemand) {
			RecordingSubscriber<T> subscriber = new RecordingSubscriber<>(initialDemand, false);
			publisher.subscribe(subscriber);
			return subscriber;
		}

		static <T> RecordingSubscriber<T> oneAtATime(Flow.Publisher<T> publisher) {
			RecordingSubscriber<T> subscriber = new RecordingSubscriber<>(1, true);
			publisher.subscribe(subscriber);
			return subscriber;
		}

		void request(long n) {
			this.subscription.request(n);
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.initialDemand != 0) {
				subscription.request(this.initialDemand);
			}
		}

		@Override
		public void onNext(T item) {
			this.items.add(item);
			if (this.oneAtATime) {
				this.subscription.request(1);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.done.completeExceptionally(throwable);
		}

		@Override
		public void onComplete() {
			this.done.complete(null);
		}

	}

}
