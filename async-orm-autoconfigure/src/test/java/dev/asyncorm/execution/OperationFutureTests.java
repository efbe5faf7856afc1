package dev.asyncorm.execution;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A caller can stop an operation until its transaction begins to commit, and only then. */
class OperationFutureTests {

	private final OperationFuture<String> future = new OperationFuture<>();

	@Test
	void anOperationCancelledInTheQueueDoesNotStart() {
		assertThat(this.future.cancel(true)).isTrue();

		assertThat(this.future.start()).isFalse();
		assertThat(this.future.stoppedAs()).isEqualTo(Outcome.CANCELLED);
		assertThat(this.future).isCancelled();
	}

	@Test
	void aRunningOperationCancelledBeforeItCommitsIsRolledBack() {
		this.future.start();

		assertThat(this.future.cancel(true)).isTrue();

		assertThatExceptionOfType(CancellationException.class).isThrownBy(this.future::commits);
		this.future.fail(new IllegalStateException("the statement was cancelled"));
		this.future.succeed("ignored");
		assertThat(this.future).isCancelled();
	}

	@Test
	void anOperationThatBeganToCommitCannotBeStopped() {
		this.future.start();
		this.future.commits();

		assertThat(this.future.cancel(true)).isFalse();
		assertThat(this.future.completeExceptionally(new TimeoutException())).isFalse();
		this.future.succeed("done");
		assertThat(this.future).isCompletedWithValue("done");
	}

	@Test
	void aTimeoutFromOutsideStopsItAsATimeout() {
		this.future.start();

		assertThat(this.future.completeExceptionally(new TimeoutException())).isTrue();

		assertThat(this.future.stopped()).isTrue();
		assertThat(this.future.stoppedAs()).isEqualTo(Outcome.TIMEOUT);
		assertThat(this.future).isCompletedExceptionally();
	}

	@Test
	void aCompletedOperationCannotBeCancelled() {
		this.future.start();
		this.future.succeed("done");

		assertThat(this.future.cancel(true)).isFalse();
		assertThat(this.future).isCompletedWithValue("done");
	}

}
