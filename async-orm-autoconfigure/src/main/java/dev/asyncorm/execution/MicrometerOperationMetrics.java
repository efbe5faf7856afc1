package dev.asyncorm.execution;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link OperationMetrics} on Micrometer timers: {@code async.orm.operations} tagged
 * {@code repository}, {@code operation}, {@code outcome}, and {@code async.orm.queue.wait}.
 */
public final class MicrometerOperationMetrics implements OperationMetrics {

	/** The name of the operations timer. */
	public static final String OPERATIONS = "async.orm.operations";

	/** The name of the queue wait timer. */
	public static final String QUEUE_WAIT = "async.orm.queue.wait";

	private final MeterRegistry registry;

	private final Timer queueWait;

	private final ConcurrentMap<TimerKey, Timer> operationTimers = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics.
	 * @param registry the registry to record to
	 */
	public MicrometerOperationMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.queueWait = Timer.builder(QUEUE_WAIT)
			.description("Time async-orm operations wait for an executor thread")
			.register(registry);
	}

	@Override
	public void queueWait(long nanos) {
		this.queueWait.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void operation(String repository, String operation, Outcome outcome, long nanos) {
		this.operationTimers.computeIfAbsent(new TimerKey(repository, operation, outcome), this::timer)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(TimerKey key) {
		return Timer.builder(OPERATIONS)
			.description("Time async-orm operations run on the executor")
			.tag("repository", key.repository())
			.tag("operation", key.operation())
			.tag("outcome", key.outcome().tagValue())
			.register(this.registry);
	}

	private record TimerKey(String repository, String operation, Outcome outcome) {
	}

}
