package dev.asyncorm.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.asyncorm.execution.DatabaseAlias;
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
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

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
 * timer, and a span where a tracer is configured), {@code async.orm.queue.wait}, the executors'
 * gauges tagged {@code name=asyncOrm} (and {@code asyncOrm-<alias>}), and the replicas' outages
 * and lag.
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
	 * Binds the executors' gauges once they exist (Boot binds only default-candidate executors):
	 * Micrometer's executor binder for a thread pool, the same names for virtual threads; tagged
	 * {@code name=asyncOrm} for {@code default}'s executor and {@code name=asyncOrm-<alias>} for
	 * those of the other databases.
	 */
	@Bean
	SmartInitializingSingleton asyncOrmExecutorMetrics(ObjectProvider<MeterRegistry> registry,
			@Qualifier(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor,
			ObjectProvider<DatabaseExecutors> databaseExecutors) {
		return () -> {
			executor.ifAvailable((bean) -> bindExecutor(bean, EXECUTOR_METRICS_NAME, registry.getObject()));
			databaseExecutors.ifAvailable((executors) -> executors.byAlias().forEach((alias, own) -> {
				if (!DatabaseAlias.DEFAULT.equals(alias)) {
					bindExecutor(own, EXECUTOR_METRICS_NAME + "-" + alias, registry.getObject());
				}
			}));
		};
	}

	private static void bindExecutor(Executor executor, String name, MeterRegistry registry) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			new ExecutorServiceMetrics(pool.getThreadPoolExecutor(), name, List.of()).bindTo(registry);
		}
		else if (executor instanceof VirtualThreadOperationExecutor virtual) {
			bindVirtualThreadGauges(virtual, name, registry);
		}
	}

	/**
	 * The meters of the replicas of {@code async-orm.routing.replicas}:
	 * {@code async.orm.database.outages} (the times each refused a connection) and, on PostgreSQL,
	 * {@code async.orm.replica.lag} (seconds behind the primary), tagged {@code database}.
	 */
	@Bean
	SmartInitializingSingleton asyncOrmReplicaMetrics(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<DatabaseExecutors> executors, ObjectProvider<EntityManagerFactory> entityManagerFactory) {
		return () -> {
			DatabaseExecutors databases = executors.getIfAvailable();
			DatabaseRoutingDataSource routing = (databases != null) ? databases.routing() : null;
			if (routing == null) {
				return;
			}
			EntityManagerFactory units = entityManagerFactory.getIfUnique();
			boolean postgres = units != null && units.unwrap(SessionFactoryImplementor.class)
				.getJdbcServices()
				.getDialect() instanceof PostgreSQLDialect;
			routing.dataSources().forEach((alias, pool) -> {
				if (!DatabaseAlias.DEFAULT.equals(alias)) {
					HikariMetrics.bind(pool, registry.getObject());
				}
			});
			for (String replica : routing.outages().replicas()) {
				Tags tags = Tags.of("database", replica);
				FunctionCounter.builder("async.orm.database.outages", routing.outages(), (outages) -> outages.count(replica))
					.description("Times the replica refused a connection; its reads then went to default")
					.tags(tags)
					.register(registry.getObject());
				if (postgres) {
					ReplicaLag lag = new ReplicaLag(replica, routing.dataSources().get(replica), routing.outages());
					// Held strongly: nothing else holds the reader, and a gauge's weak state reads NaN once collected.
					Gauge.builder("async.orm.replica.lag", lag, ReplicaLag::seconds)
						.strongReference(true)
						.description("Seconds the PostgreSQL standby is behind the primary")
						.baseUnit("seconds")
						.tags(tags)
						.register(registry.getObject());
				}
			}
		};
	}

	/**
	 * The gauges of the virtual-thread executor, named as Micrometer's executor binder names those
	 * of a pool: {@code executor.active} (running), {@code executor.queued} (waiting for their turn),
	 * {@code executor.queue.remaining}, {@code executor.pool.max} (how many may run at once) and
	 * {@code executor.completed}.
	 */
	private static void bindVirtualThreadGauges(VirtualThreadOperationExecutor executor, String name,
			MeterRegistry registry) {
		Tags tags = Tags.of("name", name);
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
