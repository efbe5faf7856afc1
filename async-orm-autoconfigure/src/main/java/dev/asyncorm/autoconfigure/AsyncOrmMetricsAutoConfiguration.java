package dev.asyncorm.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.asyncorm.execution.MicrometerOperationMetrics;
import dev.asyncorm.execution.OperationMetrics;
import dev.asyncorm.execution.VirtualThreadOperationExecutor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Micrometer metrics of async-orm: an observation per operation ({@code async.orm.operations}: a
 * timer, and a span where a tracer is configured), {@code async.orm.queue.wait}, and the
 * executor's gauges tagged {@code name=asyncOrm}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AsyncOrmAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, AsyncOrmProperties.class })
@ConditionalOnBooleanProperty(name = "async-orm.metrics.enabled", matchIfMissing = true)
public final class AsyncOrmMetricsAutoConfiguration {

	/** The {@code name} tag of the executor's gauges. */
	public static final String EXECUTOR_METRICS_NAME = "asyncOrm";

	/**
	 * Observes operations with the application's {@link ObservationRegistry}, whose meter handler
	 * gives the {@code async.orm.operations} timer and whose tracing handler, if any, the spans;
	 * without one, with a registry of its own that only times them.
	 */
	@Bean
	@ConditionalOnMissingBean(OperationMetrics.class)
	MicrometerOperationMetrics asyncOrmOperationMetrics(MeterRegistry registry,
			ObjectProvider<ObservationRegistry> observations) {
		return new MicrometerOperationMetrics(observations.getIfAvailable(() -> timing(registry)), registry);
	}

	private static ObservationRegistry timing(MeterRegistry registry) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
		return observations;
	}

	/**
	 * Binds the executor's gauges once it exists (Boot binds only default-candidate executors):
	 * Micrometer's executor binder for the thread pool, the same names for the virtual threads.
	 */
	@Bean
	SmartInitializingSingleton asyncOrmExecutorMetrics(ObjectProvider<MeterRegistry> registry,
			@Qualifier(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor) {
		return () -> executor.ifAvailable((bean) -> {
			if (bean instanceof ThreadPoolTaskExecutor pool) {
				new ExecutorServiceMetrics(pool.getThreadPoolExecutor(), EXECUTOR_METRICS_NAME, List.of())
					.bindTo(registry.getObject());
			}
			else if (bean instanceof VirtualThreadOperationExecutor virtual) {
				bindVirtualThreadGauges(virtual, registry.getObject());
			}
		});
	}

	/**
	 * The gauges of the virtual-thread executor, named as Micrometer's executor binder names those
	 * of a pool: {@code executor.active} (running), {@code executor.queued} (waiting for their turn),
	 * {@code executor.queue.remaining}, {@code executor.pool.max} (how many may run at once) and
	 * {@code executor.completed}.
	 */
	private static void bindVirtualThreadGauges(VirtualThreadOperationExecutor executor, MeterRegistry registry) {
		Tags tags = Tags.of("name", EXECUTOR_METRICS_NAME);
		gauge("executor.active", "Operations running on virtual threads", executor::running, tags, registry);
		gauge("executor.queued", "Operations waiting for their turn", executor::waiting, tags, registry);
		gauge("executor.queue.remaining", "Operations that may still be admitted", executor::remainingCapacity, tags,
				registry);
		gauge("executor.pool.max", "Operations that may run at once", executor::concurrency, tags, registry);
		FunctionCounter.builder("executor.completed", executor, VirtualThreadOperationExecutor::completed)
			.description("Operations ended")
			.tags(tags)
			.register(registry);
	}

	private static void gauge(String name, String description, Supplier<Number> value, Tags tags,
			MeterRegistry registry) {
		Gauge.builder(name, value).description(description).tags(tags).register(registry);
	}

}
