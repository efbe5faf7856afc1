package dev.asyncorm.it;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.asyncorm.AsyncOrm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's network cases, on PostgreSQL behind {@link TcpProxy}: a stalled server ends
 * operations with an error instead of hanging them, and a three-second outage in the middle of
 * sixteen writers loses no acknowledged write, leaves no write half-done, and is over for the
 * callers within seconds of the restore. Each case prints its figures.
 */
@EnabledIfSystemProperty(named = "async-orm.test.database", matches = "postgres")
@SpringBootTest(classes = TestApplication.class)
class NetworkFaultIntegrationTests {

	private static TcpProxy proxy;

	@Autowired
	private TagRepository tags;

	@Autowired
	private AsyncOrm orm;

	@Autowired
	private javax.sql.DataSource dataSource;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) throws Exception {
		TestDatabase database = TestDatabase.current();
		database.properties().forEach((key, value) -> registry.add(key, () -> value));
		URI server = URI.create(database.url().substring("jdbc:".length()));
		proxy = new TcpProxy(server.getHost(), (server.getPort() > 0) ? server.getPort() : 5432);
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath()
				+ "?socketTimeout=3&connectTimeout=2");
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
		registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
		registry.add("spring.datasource.hikari.validation-timeout", () -> "1000");
	}

	@AfterAll
	static void closeProxy() throws Exception {
		proxy.close();
	}

	@Test
	void aStalledServerEndsOperationsWithAnErrorInsteadOfHangingThem() {
		assertThat(this.tags.count()).succeedsWithin(Duration.ofSeconds(10));
		proxy.stall();
		long start = System.nanoTime();
		List<CompletableFuture<Long>> futures;
		try {
			futures = java.util.stream.IntStream.range(0, 8).mapToObj((i) -> this.tags.count()).toList();
			for (CompletableFuture<Long> future : futures) {
				assertThat(future).failsWithin(Duration.ofSeconds(30));
			}
		}
		finally {
			proxy.restore();
		}
		long failedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		long restored = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> this.tags.count().join() >= 0);
		System.out.printf("stall on POSTGRES: 8 operations failed within %d ms (%s), none hung; served again %d ms "
				+ "after the restore%n", failedAfter, failure(futures.get(0)),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restored));
	}

	@Test
	void anOutageMidLoadLosesNoAcknowledgedWriteAndLeavesNoneHalfDone() throws Exception {
		Map<String, CompletableFuture<String>> writes = new ConcurrentHashMap<>();
		AtomicLong firstSuccessAfterRestore = new AtomicLong();
		AtomicLong restoredAt = new AtomicLong(Long.MAX_VALUE);
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		ExecutorService callers = Executors.newFixedThreadPool(16);
		for (int i = 0; i < 16; i++) {
			callers.execute(() -> {
				while (System.nanoTime() < end) {
					String key = UUID.randomUUID().toString();
					CompletableFuture<String> write = this.orm.atomic(() -> {
						this.tags.create(new Tag(key + "-a")).join();
						this.tags.create(new Tag(key + "-b")).join();
						return key;
					});
					writes.put(key, write);
					try {
						write.get(30, TimeUnit.SECONDS);
						long now = System.nanoTime();
						if (now > restoredAt.get()) {
							firstSuccessAfterRestore.compareAndSet(0, now);
						}
					}
					catch (Exception ex) {
						sleepQuietly(50);
					}
				}
			});
		}
		Thread.sleep(3_500);
		proxy.cut();
		Thread.sleep(3_000);
		proxy.restore();
		restoredAt.set(System.nanoTime());
		callers.shutdown();
		assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		long succeeded = 0;
		long failed = 0;
		long halfDone = 0;
		long lost = 0;
		long ambiguous = 0;
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		for (Map.Entry<String, CompletableFuture<String>> write : writes.entrySet()) {
			assertThat(write.getValue()).isDone();
			Integer rows = jdbc.queryForObject("select count(*) from tag where name in (?, ?)", Integer.class,
					write.getKey() + "-a", write.getKey() + "-b");
			if (!write.getValue().isCompletedExceptionally()) {
				succeeded++;
				lost += (rows == 2) ? 0 : 1;
			}
			else {
				failed++;
				halfDone += (rows == 1) ? 1 : 0;
				ambiguous += (rows == 2) ? 1 : 0;
			}
		}
		long resumedMillis = (firstSuccessAfterRestore.get() == 0) ? -1
				: TimeUnit.NANOSECONDS.toMillis(firstSuccessAfterRestore.get() - restoredAt.get());
		System.out.printf("outage on POSTGRES: 16 writers for 10 s, connections cut for 3 s: %d writes succeeded, "
				+ "%d failed; %d acknowledged writes missing, %d half-done, %d failed writes committed anyway "
				+ "(commit acknowledgement lost in the cut); writes succeeded again %d ms after the restore%n",
				succeeded, failed, lost, halfDone, ambiguous, resumedMillis);
		assertThat(lost).isZero();
		assertThat(halfDone).isZero();
		assertThat(failed).isPositive();
		assertThat(resumedMillis).isBetween(0L, 5_000L);
	}

	private static String failure(CompletableFuture<?> future) {
		return future.handle((value, ex) -> (ex != null) ? ex.getClass().getSimpleName() : "no failure").join();
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
