package dev.asyncorm.execution;

/**
 * Records how long operations wait in the queue and how long they run; the Micrometer
 * implementation is {@link MicrometerOperationMetrics}.
 */
public interface OperationMetrics {

	/** Records nothing, for applications without Micrometer. */
	OperationMetrics NONE = new OperationMetrics() {

		@Override
		public void queueWait(long nanos) {
		}

		@Override
		public void operation(String repository, String operation, Outcome outcome, long nanos) {
		}

	};

	/**
	 * Records the time from submission to start.
	 * @param nanos the wait
	 */
	void queueWait(long nanos);

	/**
	 * Records one finished operation.
	 * @param repository the repository's simple name
	 * @param operation the operation, for example {@code get}
	 * @param outcome how it ended
	 * @param nanos how long it ran, queue wait excluded
	 */
	void operation(String repository, String operation, Outcome outcome, long nanos);

}
