package dev.asyncorm.autoconfigure;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.execution.CancellableTaskDecorator;
import dev.asyncorm.execution.VirtualThreadOperationExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@code asyncOrmExecutor}: on platform threads with Spring Boot's builder, bounded,
 * sized to the connection pool unless configured; or on virtual threads, as many at once as the
 * pool has connections. Either way decorated by the application's {@link TaskDecorator}s.
 */
final class AsyncOrmExecutorFactory {

	/** The core size when the pool's size cannot be read: Hikari's default maximum pool size. */
	static final int DEFAULT_POOL_SIZE = 10;

	/** Whether HikariCP is on the class path. */
	static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			AsyncOrmExecutorFactory.class.getClassLoader());

	private AsyncOrmExecutorFactory() {
	}

	static AsyncTaskExecutor create(AsyncOrmProperties.Executor properties, @Nullable DataSource dataSource,
			List<TaskDecorator> decorators, Environment environment) {
		return create(properties, dataSource, decorators, environment, properties.getThreadNamePrefix());
	}

	/** Builds an executor for the data source, its threads named with the prefix. */
	static AsyncTaskExecutor create(AsyncOrmProperties.Executor properties, @Nullable DataSource dataSource,
			List<TaskDecorator> decorators, Environment environment, String threadNamePrefix) {
		int coreSize = (properties.getCoreSize() != null) ? properties.getCoreSize() : poolSize(dataSource);
		@Nullable TaskDecorator decorator = decorators.isEmpty() ? null
				: (decorators.size() == 1) ? decorators.get(0) : new CompositeTaskDecorator(decorators);
		if (virtualThreads(properties, environment)) {
			AsyncOrmProperties.Shutdown shutdown = properties.getShutdown();
			return new VirtualThreadOperationExecutor(threadNamePrefix, coreSize,
					properties.getQueueCapacity(), decorator,
					shutdown.isAwaitTermination() ? shutdown.getAwaitTerminationPeriod() : null);
		}
		int maxSize = (properties.getMaxSize() != null) ? Math.max(properties.getMaxSize(), coreSize) : coreSize;
		ThreadPoolTaskExecutorBuilder builder = new ThreadPoolTaskExecutorBuilder().corePoolSize(coreSize)
			.maxPoolSize(maxSize)
			.queueCapacity(properties.getQueueCapacity())
			.keepAlive(properties.getKeepAlive())
			.threadNamePrefix(threadNamePrefix)
			.awaitTermination(properties.getShutdown().isAwaitTermination())
			.awaitTerminationPeriod(properties.getShutdown().getAwaitTerminationPeriod());
		if (decorator != null) {
			builder = builder.taskDecorator(new CancellableTaskDecorator(decorator));
		}
		return builder.build();
	}

	/**
	 * Whether to run on virtual threads: as {@code async-orm.executor.virtual-threads} says, else as
	 * Spring Boot's {@code spring.threads.virtual.enabled} (which Boot ignores before Java 21).
	 */
	private static boolean virtualThreads(AsyncOrmProperties.Executor properties, Environment environment) {
		Boolean configured = properties.getVirtualThreads();
		if (configured == null) {
			return Threading.VIRTUAL.isActive(environment);
		}
		if (configured && !JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			throw new IllegalStateException("async-orm.executor.virtual-threads=true needs Java 21 or later; this is Java "
					+ System.getProperty("java.specification.version") + ". Remove the property to run on platform threads.");
		}
		return configured;
	}

	/** The pool's maximum size, when the data source is (or wraps) a Hikari pool. */
	static int poolSize(@Nullable DataSource dataSource) {
		if (dataSource == null || !HIKARI_PRESENT) {
			return DEFAULT_POOL_SIZE;
		}
		try {
			return dataSource.isWrapperFor(HikariDataSource.class)
					? dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize() : DEFAULT_POOL_SIZE;
		}
		catch (SQLException ex) {
			return DEFAULT_POOL_SIZE;
		}
	}

}
