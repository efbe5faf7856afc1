package dev.asyncorm.execution;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jspecify.annotations.Nullable;

/**
 * The future of one operation, which a caller can stop until its transaction starts to commit:
 * {@code cancel(true)}, or {@code orTimeout(...)} (any exceptional completion from outside), cancels
 * the statement the operation is running ({@code Statement.cancel} on the statement its Hibernate
 * session prepared last) and keeps its transaction from committing, so that it rolls back and
 * returns its connection. Once the commit has begun the future can no longer be stopped:
 * {@code cancel} returns {@code false}, and the future completes with the operation's result. So a
 * future that reports a cancellation or a timeout belongs to an operation that changed nothing.
 * <p>
 * A read outside a transaction has nothing to commit: stopping it cancels its statement, and its
 * rows are dropped.
 *
 * @param <T> the result type
 */
final class OperationFuture<T> extends CompletableFuture<T> {

	private static final Log logger = LogFactory.getLog(OperationFuture.class);

	private static final int QUEUED = 0;

	private static final int RUNNING = 1;

	private static final int COMMITTING = 2;

	private static final int DONE = 3;

	private static final int STOPPED = 4;

	private final AtomicInteger state = new AtomicInteger(QUEUED);

	/** The session whose statements the operation runs, once it has one. */
	private volatile @Nullable SharedSessionContractImplementor session;

	/** Why the caller stopped it: {@link Outcome#CANCELLED} or {@link Outcome#TIMEOUT}. */
	private volatile Outcome stoppedAs = Outcome.CANCELLED;

	/**
	 * Marks the operation as running, unless the caller stopped it while it was queued.
	 * @return whether it may run
	 */
	boolean start() {
		return this.state.compareAndSet(QUEUED, RUNNING);
	}

	/**
	 * Tells whether the caller stopped the operation, and so completed this future.
	 * @return whether it was stopped
	 */
	boolean stopped() {
		return this.state.get() == STOPPED;
	}

	/**
	 * How the caller stopped it.
	 * @return {@link Outcome#CANCELLED}, or {@link Outcome#TIMEOUT} for a timeout
	 */
	Outcome stoppedAs() {
		return this.stoppedAs;
	}

	/**
	 * Records the entity manager the operation runs its statements with, so that stopping it
	 * cancels them.
	 * @param entityManager the entity manager
	 */
	void runsWith(EntityManager entityManager) {
		this.session = entityManager.unwrap(SharedSessionContractImplementor.class);
		if (stopped()) {
			cancelStatement();
		}
	}

	/** Fails when the caller stopped the operation, before it starts a statement it need not run. */
	void ensureNotStopped() {
		if (stopped()) {
			throw new CancellationException("The operation was cancelled before it ran a statement.");
		}
	}

	/**
	 * Called just before the operation's transaction commits: from then on the caller can no longer
	 * stop it. Fails, rolling the transaction back, when the caller stopped it first.
	 */
	void commits() {
		if (!this.state.compareAndSet(RUNNING, COMMITTING) && this.state.get() != COMMITTING) {
			throw new CancellationException("The operation was cancelled; its transaction is rolled back.");
		}
	}

	/**
	 * Fails the future of an operation that will never run (its executor dropped it), unless it
	 * started or was stopped meanwhile.
	 * @param failure the failure
	 * @return whether this call completed the future
	 */
	boolean reject(Throwable failure) {
		return this.state.compareAndSet(QUEUED, DONE) && super.completeExceptionally(failure);
	}

	/**
	 * Completes the future with the operation's result.
	 * @param result the result
	 */
	void succeed(@Nullable T result) {
		if (finish()) {
			super.complete(result);
		}
	}

	/**
	 * Completes the future with the operation's failure.
	 * @param failure the failure
	 */
	void fail(Throwable failure) {
		if (finish()) {
			super.completeExceptionally(failure);
		}
	}

	private boolean finish() {
		int current = this.state.get();
		while (current != STOPPED) {
			if (this.state.compareAndSet(current, DONE)) {
				return true;
			}
			current = this.state.get();
		}
		return false;
	}

	/**
	 * Stops the operation unless its transaction has begun to commit; see the class description.
	 * @param mayInterruptIfRunning ignored: the statement is cancelled, the thread is not interrupted
	 * @return whether the operation was stopped
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		return stop(Outcome.CANCELLED) && super.cancel(mayInterruptIfRunning);
	}

	/**
	 * Completes the future exceptionally from outside ({@code orTimeout} does so): stops the
	 * operation as {@link #cancel} does, unless its transaction has begun to commit.
	 * @param failure the exception
	 * @return whether this call completed the future
	 */
	@Override
	public boolean completeExceptionally(Throwable failure) {
		return stop((failure instanceof TimeoutException) ? Outcome.TIMEOUT : Outcome.CANCELLED)
				&& super.completeExceptionally(failure);
	}

	private boolean stop(Outcome outcome) {
		int current = this.state.get();
		while (current == QUEUED || current == RUNNING) {
			if (this.state.compareAndSet(current, STOPPED)) {
				this.stoppedAs = outcome;
				if (current == RUNNING) {
					cancelStatement();
				}
				return true;
			}
			current = this.state.get();
		}
		return false;
	}

	private void cancelStatement() {
		SharedSessionContractImplementor running = this.session;
		if (running == null) {
			return;
		}
		try {
			running.getJdbcCoordinator().getLogicalConnection().getResourceRegistry().cancelLastQuery();
		}
		catch (RuntimeException ex) {
			// The statement ended meanwhile, or the driver cannot cancel: the commit is refused anyway.
			logger.debug("Could not cancel the statement of a stopped operation", ex);
		}
	}

}
