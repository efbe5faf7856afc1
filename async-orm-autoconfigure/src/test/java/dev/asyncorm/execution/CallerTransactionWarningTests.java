package dev.asyncorm.execution;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operation requested inside the calling thread's own transaction is not part of it: a WARN
 * says so, naming the call site, once per call site.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallerTransactionWarningTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String WARNING = "was called inside a transaction of the calling thread";

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final OperationDispatcher dispatcher;

	CallerTransactionWarningTests() {
		this.executor.initialize();
		this.dispatcher = new OperationDispatcher(this.executor, OperationMetrics.NONE, new PersistenceExceptions(null));
	}

	@AfterEach
	void shutdown() {
		TransactionSynchronizationManager.setActualTransactionActive(false);
		this.executor.shutdown();
	}

	@Test
	void aCallInsideTheCallersTransactionIsWarnedAboutOncePerCallSite(CapturedOutput output) {
		TransactionSynchronizationManager.setActualTransactionActive(true);
		for (int i = 0; i < 3; i++) {
			assertThat(this.dispatcher.submit("PizzaRepository", "save", () -> 1)).succeedsWithin(TIMEOUT);
		}
		assertThat(this.dispatcher.submit("PizzaRepository", "delete", () -> 2)).succeedsWithin(TIMEOUT);

		assertThat(output.getOut().split(WARNING, -1)).hasSize(3);
		assertThat(output.getOut()).contains("PizzaRepository.save " + WARNING + ", at "
				+ getClass().getName() + ".aCallInsideTheCallersTransactionIsWarnedAboutOncePerCallSite(")
			.contains("PizzaRepository.delete " + WARNING)
			.contains("AsyncOrm.atomic");
	}

	@Test
	void aCallOutsideATransactionIsNotWarnedAbout(CapturedOutput output) {
		assertThat(this.dispatcher.submit("PizzaRepository", "save", () -> 1)).succeedsWithin(TIMEOUT);

		assertThat(output.getOut()).doesNotContain(WARNING);
	}

}
