package dev.asyncorm.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling an operation's future, or timing it out with {@code orTimeout}, cancels its running
 * statement and rolls its transaction back: an update that waits for a row lock is gone from the
 * database's running statements within a second, its connection goes back to the pool, and when
 * the lock is released the row is unchanged. On every database of the suite; H2 does not cancel a
 * statement that waits for a lock, so there the lock is released after the cancel, and the update
 * that then runs must not commit.
 */
class CancellationIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private TagRepository tags;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aCancelledUpdateWaitingForALockIsStoppedAndNeverApplied() throws Exception {
		Tag tag = persist(new Tag("kept"));
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		double cancelled = count("cancelled");
		try (Connection holder = this.dataSource.getConnection()) {
			lock(holder, tag);
			int activeBefore = pool.getHikariPoolMXBean().getActiveConnections();
			CompletableFuture<Long> update = this.tags.filter("pk", tag.getId()).update(Map.of("name", "changed"));
			await().atMost(TIMEOUT).until(() -> waitingUpdates() == 1);

			assertThat(update.cancel(true)).isTrue();

			long cancelledAt = System.nanoTime();
			if (database() == TestDatabase.H2) {
				// H2 does not cancel a statement that waits for a lock: it waits out its lock timeout.
				// Released now, the lock lets the UPDATE run, and its transaction must still not commit.
				holder.rollback();
			}
			await().atMost(TIMEOUT).until(() -> waitingUpdates() == 0);
			System.out.printf("%s: the cancelled UPDATE left the running statements after %d ms%n", database(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt));
			if (database() != TestDatabase.H2) {
				assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(1));
			}
			await().atMost(TIMEOUT).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == activeBefore);
			assertThat(update).isCancelled();
			holder.rollback();
		}
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("select name from tag where id = ?", String.class,
				tag.getId())).isEqualTo("kept");
		await().atMost(TIMEOUT).until(() -> count("cancelled") == cancelled + 1);
	}

	@Test
	void anUpdateTimedOutWithOrTimeoutIsStoppedAndNeverApplied() throws Exception {
		Tag tag = persist(new Tag("kept"));
		double timedOut = count("timeout");
		try (Connection holder = this.dataSource.getConnection()) {
			lock(holder, tag);
			CompletableFuture<Long> update = this.tags.filter("pk", tag.getId())
				.update(Map.of("name", "changed"))
				.orTimeout(500, TimeUnit.MILLISECONDS);

			assertThat(update).failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(TimeoutException.class);
			await().atMost(TIMEOUT).until(() -> waitingUpdates() == 0);
			holder.rollback();
		}
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("select name from tag where id = ?", String.class,
				tag.getId())).isEqualTo("kept");
		await().atMost(TIMEOUT).until(() -> count("timeout") == timedOut + 1);
	}

	@Test
	void aFinishedOperationCannotBeCancelled() {
		Tag tag = persist(new Tag("kept"));
		CompletableFuture<Long> update = this.tags.filter("pk", tag.getId()).update(Map.of("name", "changed"));

		assertThat(update).succeedsWithin(TIMEOUT).isEqualTo(1L);
		assertThat(update.cancel(true)).isFalse();
		assertThat(update.isCancelled()).isFalse();
	}

	@Test
	void anOperationCancelledInTheQueueNeverRuns() {
		Tag tag = persist(new Tag("kept"));
		CompletableFuture<Long> update = this.tags.filter("pk", tag.getId()).update(Map.of("name", "changed"));
		boolean cancelled = update.cancel(true);

		assertThat(update.isCancelled()).isEqualTo(cancelled);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(new JdbcTemplate(this.dataSource)
			.queryForObject("select name from tag where id = ?", String.class, tag.getId()))
			.isEqualTo(cancelled ? "kept" : "changed"));
		assertThat(update).satisfiesAnyOf((future) -> assertThat(future).isCancelled(),
				(future) -> assertThat(future).isCompletedWithValue(1L));
		if (cancelled) {
			assertThat(update).failsWithin(TIMEOUT).withThrowableOfType(CancellationException.class);
		}
	}

	/** Locks the tag's row in the holder's transaction. */
	private static void lock(Connection holder, Tag tag) throws Exception {
		holder.setAutoCommit(false);
		try (PreparedStatement statement = holder.prepareStatement("update tag set uses = 1 where id = ?")) {
			statement.setLong(1, tag.getId());
			assertThat(statement.executeUpdate()).isEqualTo(1);
		}
	}

	/** The UPDATEs of the tag's name that the database is running now. */
	private int waitingUpdates() {
		String sql = switch (database()) {
			case POSTGRES -> "select count(*) from pg_stat_activity where state = 'active' and query like 'update tag%name%'";
			case MARIADB -> "select count(*) from information_schema.processlist where info like 'update tag%name%'";
			case H2 -> "select count(*) from information_schema.sessions where executing_statement like 'update tag%name%'";
		};
		Integer count = new JdbcTemplate(this.dataSource).queryForObject(sql, Integer.class);
		return (count != null) ? count : 0;
	}

	private double count(String outcome) {
		var timer = this.meters.find("async.orm.operations")
			.tags("repository", "TagRepository", "operation", "update", "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
