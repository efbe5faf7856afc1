package dev.asyncorm.execution;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link OperationMetrics} on Micrometer: each operation is an {@link Observation} named
 * {@code async.orm.operations} ({@link OperationObservationConvention}), a child of what the
 * requesting thread observes; with Micrometer's meter handler (Spring Boot registers it) it is the
 * {@code async.orm.operations} timer, tagged {@code repository}, {@code operation}, {@code database}, {@code outcome}
 * (and {@code error}), and with a tracer a span. The queue wait is the
 * {@code async.orm.queue.wait} timer.
 */
public final class MicrometerOperationMetrics implements OperationMetrics {

	/** The name of the operations timer. */
	public static final String OPERATIONS = OperationObservationConvention.NAME;

	/** The name of the queue wait timer. */
	public static final String QUEUE_WAIT = "async.orm.queue.wait";

	private static final OperationObservationConvention DEFAULT_CONVENTION = new OperationObservationConvention();

	private final ObservationRegistry observations;

	private final Timer queueWait;

	/**
	 * Creates the metrics.
	 * @param observations the registry that observes operations
	 * @param meters the registry of the queue wait timer
	 */
	public MicrometerOperationMetrics(ObservationRegistry observations, MeterRegistry meters) {
		this.observations = observations;
		this.queueWait = Timer.builder(QUEUE_WAIT)
			.description("Time async-orm operations wait for an executor thread")
			.register(meters);
	}

	@Override
	public void queueWait(long nanos) {
		this.queueWait.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public Recording prepare(String repository, String operation, String database) {
		Observation observation = Observation.createNotStarted(null, DEFAULT_CONVENTION,
				() -> new OperationContext(repository, operation, database), this.observations);
		return observation.isNoop() ? Recording.NONE : new ObservedOperation(observation);
	}

	/** An operation's observation. */
	private static final class ObservedOperation implements Recording {

		private final Observation observation;

		private boolean started;

		ObservedOperation(Observation observation) {
			this.observation = observation;
		}

		@Override
		public Scope start() {
			this.observation.start();
			this.started = true;
			Observation.Scope scope = this.observation.openScope();
			return scope::close;
		}

		@Override
		public void stop(Outcome outcome, @Nullable Throwable error) {
			if (!this.started) {
				this.observation.start();
			}
			((OperationContext) this.observation.getContext()).setOutcome(outcome);
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}

	}

}
