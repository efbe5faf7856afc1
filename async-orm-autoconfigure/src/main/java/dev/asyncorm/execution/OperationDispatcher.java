package dev.asyncorm.execution;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Runs operations on the {@code asyncOrmExecutor} and completes their futures there, recording
 * queue wait and observing each operation while it runs, with the requesting thread's context. An operation submitted from another operation's body (inside
 * {@code AsyncOrm.atomic}, or a blocking call made from the work itself) runs inline, so that it
 * joins that body's transaction and cannot deadlock waiting for a free thread. An operation
 * submitted from a completion callback queues like any other, even on an executor thread: a
 * chain of {@code thenCompose} steps then takes its turn behind other callers' operations, and
 * its stack does not grow with the chain. A full queue completes the future with
 * {@link TaskRejectedException}; the caller never blocks. A statement that runs out of time fails
 * with Spring's {@link QueryTimeoutException} and is counted as a timeout.
 */
public final class OperationDispatcher {

	/** The operation whose body runs on this thread; cleared before its future completes. */
	private static final ThreadLocal<OperationFuture<?>> CURRENT = new ThreadLocal<>();

	private final Databases databases;

	private final OperationMetrics metrics;

	private final PersistenceExceptions exceptions;

	private final CallerTransactionWarning callerTransactionWarning = new CallerTransactionWarning();

	/**
	 * Creates a dispatcher of one database.
	 * @param executor the executor to run operations on
	 * @param metrics where to record them
	 * @param exceptions how to translate persistence exceptions
	 */
	public OperationDispatcher(Executor executor, OperationMetrics metrics, PersistenceExceptions exceptions) {
		this(Databases.single(executor), metrics, exceptions);
	}

	/**
	 * Creates a dispatcher.
	 * @param databases the databases, each with its executor
	 * @param metrics where to record operations
	 * @param exceptions how to translate persistence exceptions
	 */
	public OperationDispatcher(Databases databases, OperationMetrics metrics, PersistenceExceptions exceptions) {
		this.databases = databases;
		this.metrics = metrics;
		this.exceptions = exceptions;
	}

	/**
	 * The databases operations run on.
	 * @return the databases
	 */
	public Databases databases() {
		return this.databases;
	}

	/**
	 * Tells whether the current thread is running an async-orm operation's body (not one of its
	 * completion callbacks).
	 * @return whether it is
	 */
	public static boolean inOperation() {
		return CURRENT.get() != null;
	}

	/** The operation whose body runs on this thread, or {@code null}. */
	static @Nullable OperationFuture<?> current() {
		return CURRENT.get();
	}

	/**
	 * Runs work of no model on {@code default}'s executor (or inline, in the enclosing operation's
	 * database, when called from an operation's body).
	 * @param repository the repository's simple name, for the metrics
	 * @param operation the operation's name, for the metrics
	 * @param work the blocking work
	 * @param <R> the result type
	 * @return a future completed with the work's result, or exceptionally with its translated exception
	 * @see #submit(Route, String, String, Callable)
	 */
	public <R> CompletableFuture<R> submit(String repository, String operation, Callable<R> work) {
		return submit(Route.DEFAULT, repository, operation, work);
	}

	/**
	 * Runs the work on the executor of the database its route leads to, or inline when called
	 * from an operation's body. On the executor, the work sees the requesting thread's context
	 * (see {@link CallerContext}) and its statements go to that database (see
	 * {@link DatabaseAlias}). The future can be cancelled, or timed out with {@code orTimeout},
	 * until the operation's transaction begins to commit (see {@link OperationFuture}).
	 * @param route where it goes
	 * @param repository the repository's simple name, for the metrics
	 * @param operation the operation's name, for the metrics
	 * @param work the blocking work
	 * @param <R> the result type
	 * @return a future completed with the work's result, or exceptionally with its translated exception
	 */
	public <R> CompletableFuture<R> submit(Route route, String repository, String operation, Callable<R> work) {
		OperationFuture<R> future = new OperationFuture<>();
		if (inOperation()) {
			String bound = Objects.requireNonNullElse(DatabaseAlias.current(), DatabaseAlias.DEFAULT);
			String alias;
			try {
				alias = this.databases.routeNested(route, bound);
			}
			catch (RuntimeException ex) {
				return failed(future, repository, operation, bound, ex);
			}
			OperationMetrics.Recording recording = this.metrics.prepare(repository, operation, alias);
			run(alias, route, future, recording, work);
			return future;
		}
		String alias;
		Executor executor;
		try {
			alias = this.databases.route(route);
			executor = this.databases.executor(alias);
		}
		catch (RuntimeException ex) {
			return failed(future, repository, operation, DatabaseAlias.DEFAULT, ex);
		}
		OperationMetrics.Recording recording = this.metrics.prepare(repository, operation, alias);
		this.callerTransactionWarning.check(repository, operation);
		CallerContext context = CallerContext.capture();
		long submitted = System.nanoTime();
		try {
			executor.execute(new QueuedOperation(() -> {
				this.metrics.queueWait(System.nanoTime() - submitted);
				context.run(() -> run(alias, route, future, recording, work));
			}, () -> {
				TaskRejectedException dropped = new TaskRejectedException(
						"asyncOrmExecutor shut down before " + repository + "." + operation + " started");
				if (future.reject(dropped)) {
					recording.stop(Outcome.REJECTED, dropped);
				}
			}));
		}
		catch (RejectedExecutionException ex) {
			TaskRejectedException rejected = (ex instanceof TaskRejectedException taskRejected) ? taskRejected
					: new TaskRejectedException("asyncOrmExecutor rejected " + repository + "." + operation, ex);
			recording.stop(Outcome.REJECTED, rejected);
			future.fail(rejected);
		}
		return future;
	}

	/** Fails an operation that could not be routed, counted as an error on the database it came from. */
	private <R> CompletableFuture<R> failed(OperationFuture<R> future, String repository, String operation,
			String alias, RuntimeException ex) {
		this.metrics.prepare(repository, operation, alias).stop(Outcome.ERROR, ex);
		future.fail(ex);
		return future;
	}

	private <R> void run(String alias, Route route, OperationFuture<R> future, OperationMetrics.Recording recording,
			Callable<R> work) {
		if (!future.start()) {
			recording.stop(future.stoppedAs(), null);
			return;
		}
		R result = null;
		Throwable failure = null;
		try (OperationMetrics.Scope scope = recording.start()) {
			try {
				result = body(work, future, binding(alias, route.routedRead()));
			}
			catch (Throwable ex) {
				if (!route.routedRead() || !this.databases.outages().failOver(alias, ex)) {
					throw ex;
				}
				// The replica went away under the read: the primary holds the same rows.
				result = body(work, future, binding(DatabaseAlias.DEFAULT, false));
			}
		}
		catch (Throwable ex) {
			failure = this.exceptions.translate(ex);
		}
		// Recorded before completing, so that whoever the future wakes sees the operation counted.
		if (future.stopped()) {
			recording.stop(future.stoppedAs(), null);
		}
		else if (failure != null) {
			recording.stop((failure instanceof QueryTimeoutException) ? Outcome.TIMEOUT : Outcome.ERROR, failure);
			future.fail(failure);
		}
		else {
			recording.stop(Outcome.SUCCESS, null);
			future.succeed(result);
		}
	}

	/**
	 * An operation in the executor's queue. It is a {@link Future} only so that an executor that
	 * drops its queue on shutdown can say so: Spring's {@code ThreadPoolTaskExecutor} cancels each
	 * task {@code shutdownNow} returns, and cancelling fails the operation's future with
	 * {@link TaskRejectedException} instead of leaving it incomplete.
	 */
	private static final class QueuedOperation implements Runnable, Future<Void> {

		private final Runnable run;

		private final Runnable drop;

		private volatile boolean dropped;

		QueuedOperation(Runnable run, Runnable drop) {
			this.run = run;
			this.drop = drop;
		}

		@Override
		public void run() {
			this.run.run();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.dropped = true;
			this.drop.run();
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.dropped;
		}

		@Override
		public boolean isDone() {
			return this.dropped;
		}

		@Override
		public Void get() {
			throw new UnsupportedOperationException("The operation's own future has its result.");
		}

		@Override
		public Void get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException("The operation's own future has its result.");
		}

	}

	/**
	 * The database binding of an operation's body; {@code null} with one database, where nothing
	 * reads it (no routing data source, no instance memory) and every operation would pay for it.
	 */
	private DatabaseAlias.@Nullable Binding binding(String alias, boolean mayFallBack) {
		return this.databases.several() ? DatabaseAlias.binding(alias, mayFallBack) : null;
	}

	/**
	 * Runs the work as an operation's body, its statements going to the binding's database; the
	 * body ends before the future completes: callbacks then queue, and take no alias with them.
	 */
	private static <R> R body(Callable<R> work, OperationFuture<R> future, DatabaseAlias.@Nullable Binding binding)
			throws Exception {
		OperationFuture<?> outer = CURRENT.get();
		DatabaseAlias.Binding outerAlias = (binding != null) ? DatabaseAlias.bind(binding) : null;
		CURRENT.set(future);
		try {
			return work.call();
		}
		finally {
			if (binding != null) {
				DatabaseAlias.restore(outerAlias);
			}
			if (outer != null) {
				CURRENT.set(outer);
			}
			else {
				CURRENT.remove();
			}
		}
	}

}
