package dev.asyncorm.autoconfigure;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@code asyncOrmExecutor} with Spring Boot's builder: bounded, sized to the
 * connection pool unless configured, decorated by the application's {@link TaskDecorator}s.
 */
final class AsyncOrmExecutorFactory {

	/** The core size when the pool's size cannot be read: Hikari's default maximum pool size. */
	static final int DEFAULT_POOL_SIZE = 10;

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			AsyncOrmExecutorFactory.class.getClassLoader());

	private AsyncOrmExecutorFactory() {
	}

	static ThreadPoolTaskExecutor create(AsyncOrmProperties.Executor properties, @Nullable DataSource dataSource,
			List<TaskDecorator> decorators) {
		int coreSize = (properties.getCoreSize() != null) ? properties.getCoreSize() : poolSize(dataSource);
		int maxSize = (properties.getMaxSize() != null) ? Math.max(properties.getMaxSize(), coreSize) : coreSize;
		ThreadPoolTaskExecutorBuilder builder = new ThreadPoolTaskExecutorBuilder().corePoolSize(coreSize)
			.maxPoolSize(maxSize)
			.queueCapacity(properties.getQueueCapacity())
			.keepAlive(properties.getKeepAlive())
			.threadNamePrefix(properties.getThreadNamePrefix())
			.awaitTermination(properties.getShutdown().isAwaitTermination())
			.awaitTerminationPeriod(properties.getShutdown().getAwaitTerminationPeriod());
		if (!decorators.isEmpty()) {
			builder = builder.taskDecorator((decorators.size() == 1) ? decorators.get(0) : new CompositeTaskDecorator(decorators));
		}
		return builder.build();
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
