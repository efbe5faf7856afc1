package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.asyncorm.AsyncOrm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.PessimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Statement timeouts and {@code selectForUpdate} with {@code NOWAIT} and {@code SKIP LOCKED}.
 */
class LockingIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private AsyncOrm orm;

	@BeforeEach
	void seed() {
		persist(new Pizza("margherita", null));
		persist(new Pizza("funghi", null));
	}

	@Test
	void aTimeoutIsSetOnEveryStatementOfTheQueryset() {
		this.recorder.reset();
		this.pizzas.all().timeout(Duration.ofMillis(1500)).list().join();
		this.pizzas.filter("name", "funghi").timeout(Duration.ofSeconds(3)).count().join();
		this.pizzas.filter("name", "funghi").timeout(Duration.ofSeconds(4)).update(Map.of("price", 9)).join();
		assertThat(this.recorder.queryTimeouts()).containsSubsequence(2, 3, 4);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().timeout(Duration.ZERO))
			.withMessage("A query timeout must be positive, got PT0S.");
	}

	@Test
	void selectForUpdateIsRefusedOutsideATransaction() {
		assertThat(this.pizzas.all().selectForUpdate().list()).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(InvalidDataAccessApiUsageException.class)
			.withMessageContaining("selectForUpdate() cannot be used outside of a transaction");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.selectForUpdate(true, true))
			.withMessage("The nowait option cannot be used with skipLocked.");
	}

	@Test
	void lockedRowsAreSkippedOrFailAtOnce() throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<List<Pizza>> holder = this.orm.atomic(() -> {
			List<Pizza> rows = this.pizzas.filter("name", "margherita").selectForUpdate().list().join();
			locked.countDown();
			release.await(20, TimeUnit.SECONDS);
			return rows;
		});
		try {
			assertThat(locked.await(20, TimeUnit.SECONDS)).isTrue();
			List<String> unlocked = this.orm
				.atomic(() -> this.pizzas.orderBy("name").selectForUpdate(false, true).list().join())
				.get(20, TimeUnit.SECONDS)
				.stream()
				.map(Pizza::getName)
				.toList();
			assertThat(unlocked).containsExactly("funghi");
			assertThat(this.orm.atomic(() -> this.pizzas.selectForUpdate(true, false).list().join()))
				.failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.satisfies((ex) -> assertThat(ex).hasCauseInstanceOf(PessimisticLockingFailureException.class));
		}
		finally {
			release.countDown();
		}
		assertThat(holder).succeedsWithin(TIMEOUT).satisfies((rows) -> assertThat(rows).hasSize(1));
	}

}
