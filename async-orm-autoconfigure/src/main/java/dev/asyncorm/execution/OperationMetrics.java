package dev.asyncorm.execution;

import org.jspecify.annotations.Nullable;

/**
 * Records how long operations wait in the queue and observes each one while it runs; the
 * Micrometer implementation is {@link MicrometerOperationMetrics}, whose observations give the
 * {@code async.orm.operations} timer and, where a tracer is configured, a span per operation.
 */
public interface OperationMetrics {

	/** Records nothing, for applications without Micrometer. */
	OperationMetrics NONE = new OperationMetrics() {

		@Override
		public void queueWait(long nanos) {
		}

		@Override
		public Recording prepare(String repository, String operation, String database) {
			return Recording.NONE;
		}

	};

	/**
	 * Records the time from submission to start.
	 * @param nanos the wait
	 */
	void queueWait(long nanos);

	/**
	 * Prepares the record of one operation, on the thread that requests it: what is being observed
	 * there (a web request, a caller's span) is its parent.
	 * @param repository the repository's simple name
	 * @param operation the operation, for example {@code get}
	 * @param database the alias of the database it runs on
	 * @return the record, not started
	 */
	Recording prepare(String repository, String operation, String database);

	/** The record of one operation: started when it runs, stopped when it ends. */
	interface Recording {

		/** Records nothing. */
		Recording NONE = new Recording() {

			@Override
			public Scope start() {
				return Scope.NONE;
			}

			@Override
			public void stop(Outcome outcome, @Nullable Throwable error) {
			}

		};

		/**
		 * Starts timing the operation and makes it current on this thread, so that what its work
		 * observes (Hibernate's or the data source's statements) is its child, until the scope closes.
		 * @return the scope, closed when the work ends
		 */
		Scope start();

		/**
		 * Stops timing the operation, after its scope closed; an operation that never ran (rejected,
		 * cancelled first) is stopped without having been started.
		 * @param outcome how it ended
		 * @param error what it failed with, or {@code null}
		 */
		void stop(Outcome outcome, @Nullable Throwable error);

	}

	/** While an operation is current on a thread. */
	interface Scope extends AutoCloseable {

		/** No scope. */
		Scope NONE = () -> {
		};

		/** Ends it; throws nothing. */
		@Override
		void close();

	}

}
