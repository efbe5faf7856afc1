package dev.asyncorm.execution;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Runs operations on the {@code asyncOrmExecutor} and completes their futures there, recording
 * queue wait and run time. An operation submitted from an executor thread (inside
 * {@code AsyncOrm.atomic}, or from a callback already there) runs inline, so that it joins that
 * thread's transaction and cannot deadlock waiting for a free thread. A full queue completes the
 * future with {@link TaskRejectedException}; the caller never blocks. A statement that runs out of
 * time fails with Spring's {@link QueryTimeoutException} and is counted as a timeout.
 */
public final class OperationDispatcher {

	private static final ThreadLocal<Boolean> ON_WORKER = new ThreadLocal<>();

	private final Executor executor;

	private final OperationMetrics metrics;

	private final PersistenceExceptions exceptions;

	/**
	 * Creates a dispatcher.
	 * @param executor the executor to run operations on
	 * @param metrics where to record them
	 * @param exceptions how to translate persistence exceptions
	 */
	public OperationDispatcher(Executor executor, OperationMetrics metrics, PersistenceExceptions exceptions) {
		this.executor = executor;
		this.metrics = metrics;
		this.exceptions = exceptions;
	}

	/**
	 * Tells whether the current thread is running an async-orm operation.
	 * @return whether it is
	 */
	public static boolean onWorkerThread() {
		return ON_WORKER.get() != null;
	}

	/**
	 * Runs the work on the executor, or inline when already on it.
	 * @param repository the repository's simple name, for the metrics
	 * @param operation the operation's name, for the metrics
	 * @param work the blocking work
	 * @param <R> the result type
	 * @return a future completed with the work's result, or exceptionally with its translated exception
	 */
	public <R> CompletableFuture<R> submit(String repository, String operation, Callable<R> work) {
		CompletableFuture<R> future = new CompletableFuture<>();
		if (onWorkerThread()) {
			run(future, repository, operation, work);
			return future;
		}
		long submitted = System.nanoTime();
		try {
			this.executor.execute(() -> {
				this.metrics.queueWait(System.nanoTime() - submitted);
				ON_WORKER.set(Boolean.TRUE);
				try {
					run(future, repository, operation, work);
				}
				finally {
					ON_WORKER.remove();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.metrics.operation(repository, operation, Outcome.REJECTED, 0);
			future.completeExceptionally((ex instanceof TaskRejectedException) ? ex
					: new TaskRejectedException("asyncOrmExecutor rejected " + repository + "." + operation, ex));
		}
		return future;
	}

	private <R> void run(CompletableFuture<R> future, String repository, String operation, Callable<R> work) {
		if (future.isDone()) {
			this.metrics.operation(repository, operation, Outcome.CANCELLED, 0);
			return;
		}
		long start = System.nanoTime();
		R result;
		try {
			result = work.call();
		}
		catch (Throwable ex) {
			Throwable failure = this.exceptions.translate(ex);
			Outcome outcome = (failure instanceof QueryTimeoutException) ? Outcome.TIMEOUT : Outcome.ERROR;
			this.metrics.operation(repository, operation, outcome, System.nanoTime() - start);
			future.completeExceptionally(failure);
			return;
		}
		// Recorded before completing, so that whoever the future wakes sees the operation counted.
		this.metrics.operation(repository, operation, Outcome.SUCCESS, System.nanoTime() - start);
		future.complete(result);
	}

}
