package dev.asyncorm.it.databases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.asyncorm.AsyncOrm;
import dev.asyncorm.it.Box;
import dev.asyncorm.it.BoxRepository;
import dev.asyncorm.it.TestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code ReplicaRouter} against a real PostgreSQL primary and streaming standby, started by
 * the tests ({@link PostgresReplicaCluster}). Where a statement ran is proven by the data: with
 * the standby's replay paused, a row just written on the primary is missing there; and by the
 * standby refusing what only a primary does (writes, row locks).
 */
@SpringBootTest(classes = TestApplication.class)
@ExtendWith(OutputCaptureExtension.class)
// Closed while the cluster runs: at the JVM's exit both stop at once.
@DirtiesContext
class ReplicaIntegrationTests {

	private static final PostgresReplicaCluster cluster = PostgresReplicaCluster.shared();

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private AsyncOrm asyncOrm;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", cluster::primaryUrl);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("async-orm.databases.replica.url", cluster::standbyUrl);
		registry.add("async-orm.databases.replica.username", () -> "postgres");
		registry.add("async-orm.databases.replica.password", () -> "");
		registry.add("async-orm.databases.replica.hikari.connection-timeout", () -> "500");
		registry.add("async-orm.routing.replicas", () -> "replica");
		registry.add("async-orm.routing.replica-backoff", () -> "2s");
	}

	@BeforeEach
	void emptyBoxes() {
		primary("delete from pizza_toppings", "delete from pizza", "delete from box");
		cluster.awaitReplay();
	}

	@AfterEach
	void replayResumed() {
		standby("select pg_wal_replay_resume()");
	}

	@Test
	void readsGoToTheStandbyAndWritesToThePrimary() {
		assertThat(this.boxes.getOrCreate(Map.of("name", "replicated")).join().created()).isTrue();
		cluster.awaitReplay();
		standby("select pg_wal_replay_pause()");

		assertThat(this.boxes.getOrCreate(Map.of("name", "not yet replayed")).join().created()).isTrue();

		assertThat(this.boxes.orderBy("id").valuesList("name", String.class).list().join()).containsExactly("replicated");
		assertThat(this.boxes.count().join()).isEqualTo(1);
		assertThat(this.boxes.using("default").orderBy("id").valuesList("name", String.class).list().join())
			.containsExactly("replicated", "not yet replayed");
		assertThat(this.meters.get("async.orm.operations").tag("repository", "BoxRepository").tag("operation", "count")
			.tag("database", "replica").timer().count()).isGreaterThanOrEqualTo(1);

		standby("select pg_wal_replay_resume()");
		cluster.awaitReplay();
		assertThat(this.boxes.count().join()).isEqualTo(2);
	}

	@Test
	void atomicRunsOnThePrimaryWhereItsReadsSeeTheLatestWrites() {
		standby("select pg_wal_replay_pause()");
		this.boxes.getOrCreate(Map.of("name", "fresh")).join();

		Long inside = this.asyncOrm.atomic(() -> this.boxes.count().join()).join();

		assertThat(inside).isEqualTo(1);
		assertThat(this.boxes.count().join()).isZero();
	}

	@Test
	void anInstanceReadFromTheStandbyIsSavedAndDeletedOnThePrimary() {
		this.boxes.getOrCreate(Map.of("name", "before")).join();
		cluster.awaitReplay();
		Box box = this.boxes.get("name", "before").join();

		// On the standby these would fail: "cannot execute UPDATE in a read-only transaction".
		this.boxes.save(box).join();
		assertThat(this.boxes.delete(box).join().total()).isEqualTo(1);

		assertThat(this.boxes.using("default").count().join()).isZero();
	}

	@Test
	void aLockingReadInATransactionRunsOnThePrimary() {
		this.boxes.getOrCreate(Map.of("name", "locked")).join();

		List<Box> locked = this.asyncOrm.atomic(() -> this.boxes.selectForUpdate().filter("name", "locked").list().join())
			.join();

		// On the standby: "cannot execute SELECT FOR UPDATE in a read-only transaction".
		assertThat(locked).extracting(Box::getName).containsExactly("locked");
	}

	@Test
	void aStandbyThatRefusesConnectionsIsSkippedForTheBackoffWhileThePrimaryServesItsReads(CapturedOutput output) {
		this.boxes.getOrCreate(Map.of("name", "served")).join();
		cluster.awaitReplay();
		double outages = outages();
		cluster.stopStandby();
		try {
			assertThat(this.boxes.count().join()).isEqualTo(1);
			assertThat(outages()).isEqualTo(outages + 1);
			assertThat(output).contains("Database 'replica' refused a connection");
			assertThat(this.boxes.valuesList("name", String.class).list().join()).containsExactly("served");
			assertThat(outages()).as("not tried again within the back-off").isEqualTo(outages + 1);
			assertThat(this.boxes.using("replica").count()).as("naming the replica leaves no way around it")
				.failsWithin(Duration.ofSeconds(10));
		}
		finally {
			cluster.startStandby();
		}
		cluster.awaitReplay();
		standby("select pg_wal_replay_pause()");
		this.boxes.getOrCreate(Map.of("name", "not yet replayed")).join();
		// Within the back-off the primary answers 2; once it has passed, the standby answers 1 again.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.boxes.count().join()).isEqualTo(1));
	}

	@Test
	void theLagGaugeReadsHowFarTheStandbyIsBehind() throws InterruptedException {
		this.boxes.getOrCreate(Map.of("name", "replayed")).join();
		cluster.awaitReplay();
		// The gauge must outlive a collection: nothing but the registry holds what reads the lag.
		System.gc();
		// A standby just restarted by another test streams again within moments.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(lag()).as(PostgresReplicaClusterState::describe).isBetween(0.0, 0.5));

		standby("select pg_wal_replay_pause()");
		this.boxes.getOrCreate(Map.of("name", "waiting")).join();
		Thread.sleep(1100);
		assertThat(lag()).isGreaterThanOrEqualTo(1.0);
	}

	private double outages() {
		return this.meters.get("async.orm.database.outages").tag("database", "replica").functionCounter().count();
	}

	private double lag() {
		return this.meters.get("async.orm.replica.lag").tag("database", "replica").gauge().value();
	}

	private static void primary(String... statements) {
		execute(cluster.primaryUrl(), statements);
	}

	private static void standby(String... statements) {
		execute(cluster.standbyUrl(), statements);
	}

	private static void execute(String url, String... statements) {
		try (Connection connection = DriverManager.getConnection(url, "postgres", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
