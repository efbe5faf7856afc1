package dev.asyncorm.autoconfigure;

import java.util.List;

import dev.asyncorm.execution.MicrometerOperationMetrics;
import dev.asyncorm.execution.OperationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
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

	/** Binds the executor's gauges once it exists; Boot binds only default-candidate executors. */
	@Bean
	SmartInitializingSingleton asyncOrmExecutorMetrics(ObjectProvider<MeterRegistry> registry,
			@Qualifier(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME) ObjectProvider<ThreadPoolTaskExecutor> executor) {
		return () -> executor.ifAvailable((pool) -> new ExecutorServiceMetrics(pool.getThreadPoolExecutor(),
				EXECUTOR_METRICS_NAME, List.of()).bindTo(registry.getObject()));
	}

}
