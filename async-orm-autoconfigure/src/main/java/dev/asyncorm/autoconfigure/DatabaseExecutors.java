package dev.asyncorm.autoconfigure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import dev.asyncorm.execution.DatabaseAlias;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

/**
 * The executor of each database: {@code default}'s is the {@code asyncOrmExecutor}; each other
 * alias gets one of its own, built as that one is and sized to the alias's pool, so that an alias
 * whose pool is exhausted holds back only its own operations. Closing it shuts down those it
 * made, all at once, then waits for them.
 */
final class DatabaseExecutors implements DisposableBean {

	private static final Log logger = LogFactory.getLog(DatabaseExecutors.class);

	private final Map<String, Executor> executors;

	private final List<Executor> owned;

	private final @Nullable DatabaseRoutingDataSource routing;

	private DatabaseExecutors(Map<String, Executor> executors, List<Executor> owned,
			@Nullable DatabaseRoutingDataSource routing) {
		this.executors = executors;
		this.owned = owned;
		this.routing = routing;
	}

	/**
	 * Makes the executors of the databases the data source routes to.
	 * @param executor the {@code asyncOrmExecutor}, {@code default}'s
	 * @param dataSource the application's data source, routing (or wrapping the routing one) when
	 * there are several databases
	 * @param properties async-orm's settings: its databases, and the executor settings every
	 * executor follows
	 * @param decorators the application's task decorators
	 * @param environment the environment, for virtual threads
	 * @return the executors
	 * @throws IllegalStateException when databases are configured but the data source does not route
	 */
	static DatabaseExecutors create(Executor executor, @Nullable DataSource dataSource, AsyncOrmProperties properties,
			List<TaskDecorator> decorators, Environment environment) throws Exception {
		Map<String, Executor> executors = new LinkedHashMap<>();
		executors.put(DatabaseAlias.DEFAULT, executor);
		DatabaseRoutingDataSource routing = routing(dataSource);
		if (routing == null) {
			if (!properties.getDatabases().isEmpty()) {
				throw new IllegalStateException("async-orm.databases configures " + properties.getDatabases().keySet()
						+ ", but the application's data source does not route to them: async-orm replaces the bean "
						+ "named '" + DatabaseRoutingPostProcessor.DATA_SOURCE_BEAN_NAME + "', and there is no single "
						+ "DataSource of that name");
			}
			return new DatabaseExecutors(executors, List.of(), null);
		}
		List<Executor> owned = new ArrayList<>();
		try {
			for (Map.Entry<String, DataSource> database : routing.dataSources().entrySet()) {
				if (!DatabaseAlias.DEFAULT.equals(database.getKey())) {
					Executor own = AsyncOrmExecutorFactory.create(properties.getExecutor(), database.getValue(),
							decorators, environment, properties.getExecutor().getThreadNamePrefix() + database.getKey() + "-");
					if (own instanceof ExecutorConfigurationSupport pool) {
						pool.initialize();
					}
					owned.add(own);
					executors.put(database.getKey(), own);
				}
			}
		}
		catch (RuntimeException ex) {
			new DatabaseExecutors(executors, owned, routing).destroy();
			throw ex;
		}
		return new DatabaseExecutors(executors, owned, routing);
	}

	/** The routing data source the application's data source is or wraps, or {@code null}. */
	private static @Nullable DatabaseRoutingDataSource routing(@Nullable DataSource dataSource) throws SQLException {
		if (dataSource instanceof DatabaseRoutingDataSource routing) {
			return routing;
		}
		return (dataSource != null && dataSource.isWrapperFor(DatabaseRoutingDataSource.class))
				? dataSource.unwrap(DatabaseRoutingDataSource.class) : null;
	}

	/**
	 * The executor of each alias.
	 * @return the executors, {@code default} first
	 */
	Map<String, Executor> byAlias() {
		return this.executors;
	}

	/**
	 * The routing data source, when there are several databases.
	 * @return it, or {@code null}
	 */
	@Nullable DatabaseRoutingDataSource routing() {
		return this.routing;
	}

	@Override
	public void destroy() {
		for (Executor executor : this.owned) {
			if (executor instanceof ExecutorConfigurationSupport pool) {
				pool.initiateShutdown();
			}
		}
		for (Executor executor : this.owned) {
			try {
				if (executor instanceof DisposableBean disposable) {
					disposable.destroy();
				}
			}
			catch (Exception ex) {
				logger.warn("Could not close the executor " + executor, ex);
			}
		}
	}

}
