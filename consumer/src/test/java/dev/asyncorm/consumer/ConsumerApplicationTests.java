package dev.asyncorm.consumer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.asyncorm.AsyncOrm;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.BaseSubscriber;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a WebFlux application with Actuator and Security, on the database of the Maven
 * profile: the application starts with Project Reactor on the class path, both kinds of
 * repository work, futures and iterators serve WebFlux endpoints, and a slow subscriber makes the
 * database read no further than it asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=admin", "spring.security.user.password=secret" })
class ConsumerApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	private ReadingRepository readings;

	@Autowired
	private ReadingJpaRepository jpaReadings;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Autowired
	private Environment environment;

	@Autowired
	private AsyncOrm orm;

	private WebTestClient client;

	private Statistics statistics;

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.environment.getProperty("local.server.port"))
			.responseTimeout(TIMEOUT)
			.build();
		this.readings.all().delete().join();
		this.statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
	}

	@AfterEach
	void stopStatistics() {
		this.statistics.setStatisticsEnabled(false);
	}

	@Test
	void bothKindsOfRepositoryWorkWithReactorOnTheClassPath() {
		assertThat(ClassUtils.isPresent("reactor.core.publisher.Flux", null)).isTrue();
		Reading saved = this.jpaReadings.save(new Reading("north", 3));

		assertThat(this.readings.get("pk", saved.getId()).join().getScore()).isEqualTo(3);
		this.readings.create(new Reading("south", 4)).join();

		assertThat(this.jpaReadings.count()).isEqualTo(2);
		assertThat(this.readings.filter("score__gt", 3).count().join()).isEqualTo(1);
	}

	@Test
	void aLockingReadWritesItsLockThroughTheApplicationsPersistenceUnit() {
		this.readings.create(new Reading("east", 5)).join();

		List<Reading> locked = this.orm
			.atomic(() -> this.readings.filter("site", "east").selectForUpdate().list().join())
			.join();

		assertThat(locked).extracting(Reading::getScore).containsExactly(5);
	}

	@Test
	void aFutureServesAMono() {
		Reading saved = this.readings.create(new Reading("north", 7)).join();

		this.client.get().uri("/readings/{id}", saved.getId()).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.site").isEqualTo("north")
			.jsonPath("$.score").isEqualTo(7);
		this.client.get().uri("/readings/{id}", saved.getId() + 1000).exchange().expectStatus().isNotFound();
	}

	@Test
	void anIteratorServesAFlux() {
		this.readings.bulkCreate(List.of(new Reading("north", 1), new Reading("south", 2), new Reading("north", 3),
				new Reading("north", 4))).join();

		List<Reading> streamed = this.client.get().uri("/readings?site=north").accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus().isOk()
			.returnResult(Reading.class)
			.getResponseBody()
			.collectList()
			.block(TIMEOUT);

		assertThat(streamed).extracting(Reading::getScore).containsExactly(1, 3, 4);
	}

	@Test
	void aSlowSubscriberMakesTheDatabaseReadOnlyWhatItAskedFor() {
		this.readings.bulkCreate(IntStream.range(0, 100_000).mapToObj((i) -> new Reading("bulk", i)).toList()).join();
		this.statistics.setStatisticsEnabled(true);
		this.statistics.clear();
		Demand subscriber = new Demand(1_500);

		JdkFlowAdapter.flowPublisherToFlux(this.readings.filter("site", "bulk").orderBy("id").iterator(1_000))
			.subscribe(subscriber);

		await().atMost(TIMEOUT).until(() -> subscriber.received.get() == 1_500);
		await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> subscriber.received.get() == 1_500);
		// Two chunks of 1,000 cover 1,500 rows; the other 98,500 are still in the database.
		assertThat(this.statistics.getQueryExecutionCount()).isEqualTo(2);

		subscriber.requestUnbounded();
		await().atMost(TIMEOUT).until(() -> subscriber.completed);
		assertThat(subscriber.received).hasValue(100_000);
		assertThat(subscriber.lastScore).hasValue(99_999);
		// 100 full chunks, and the empty one that tells the end.
		assertThat(this.statistics.getQueryExecutionCount()).isEqualTo(101);
	}

	@Test
	void healthIsPublicAndMetricsNeedALogin() {
		this.readings.count().join();

		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
		this.client.get().uri("/actuator/metrics/async.orm.operations").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/metrics/async.orm.operations")
			.headers((headers) -> headers.setBasicAuth("admin", "secret"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.name").isEqualTo("async.orm.operations");
	}

	/** A subscriber that asks for a number of rows, then for the rest when told. */
	private static final class Demand extends BaseSubscriber<Reading> {

		private final long initial;

		private final AtomicInteger received = new AtomicInteger();

		private final AtomicInteger lastScore = new AtomicInteger(-1);

		private volatile boolean completed;

		Demand(long initial) {
			this.initial = initial;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(this.initial);
		}

		@Override
		protected void hookOnNext(Reading reading) {
			this.received.incrementAndGet();
			this.lastScore.set(reading.getScore());
		}

		@Override
		protected void hookOnComplete() {
			this.completed = true;
		}

	}

}
