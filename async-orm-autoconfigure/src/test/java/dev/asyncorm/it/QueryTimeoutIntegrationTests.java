package dev.asyncorm.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code async-orm.query.timeout}: the statement timeout of querysets that set none, and what a
 * statement that runs out of time gives.
 */
@TestPropertySource(properties = "async-orm.query.timeout=2s")
class QueryTimeoutIntegrationTests extends AbstractIntegrationTests {

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void seed() {
		persist(new Pizza("margherita", null));
	}

	@Test
	void theDefaultTimeoutIsSetOnStatementsThatSetNone() {
		this.recorder.reset();
		this.pizzas.all().list().join();
		this.pizzas.filter("name", "margherita").count().join();
		this.pizzas.filter("name", "margherita").update(Map.of("price", 9)).join();
		this.pizzas.all().timeout(Duration.ofSeconds(5)).exists().join();
		// Hibernate sets the timeout before each statement and resets it to 0 after.
		assertThat(this.recorder.queryTimeouts()).filteredOn((seconds) -> seconds != 0).containsExactly(2, 2, 2, 5);
	}

	@Test
	void prefetchesAndTheStatementsOfADeleteHaveTheQuerysetsTimeout() {
		this.recorder.reset();
		this.pizzas.all().prefetchRelated("toppings").list().join();
		// The ids, the join rows, the join rows again (Hibernate's delete empties the owned
		// collection's table itself), the rows.
		this.pizzas.filter("name", "margherita").timeout(Duration.ofSeconds(4)).delete().join();
		assertThat(this.recorder.queryTimeouts()).filteredOn((seconds) -> seconds != 0)
			.containsExactly(2, 2, 4, 4, 4, 4);
	}

	/**
	 * A statement kept waiting for a row lock past its timeout. PostgreSQL and MariaDB cancel it
	 * ({@code QueryTimeoutException}, counted as a timeout); H2 does not interrupt a lock wait, which
	 * ends at its own lock timeout ({@code CannotAcquireLockException}, counted as an error).
	 */
	@Test
	void aStatementThatRunsOutOfTimeFailsWithQueryTimeoutException() throws Exception {
		boolean h2 = database() == TestDatabase.H2;
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement("update pizza set price = 1 where name = 'margherita'")) {
				lock.executeUpdate();
			}
			try {
				assertThat(this.pizzas.filter("name", "margherita").timeout(Duration.ofSeconds(1)).update(Map.of("price", 2)))
					.failsWithin(Duration.ofSeconds(30))
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(h2 ? CannotAcquireLockException.class : QueryTimeoutException.class);
			}
			finally {
				holder.rollback();
			}
		}
		assertThat(this.meters.get("async.orm.operations")
			.tags("repository", "PizzaRepository", "operation", "update", "outcome", h2 ? "error" : "timeout")
			.timer()
			.count()).isEqualTo(1);
	}

}
