package dev.asyncorm.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import dev.asyncorm.execution.DatabaseAlias;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

/**
 * The executor of each database: {@code default}'s is the {@code asyncOrmExecutor}; each other
 * alias gets one of its own, built as that one is and sized to the alias's pool, so that an alias
 * whose pool is exhausted holds back only its own operations. Closing it closes those it made.
 */
final class DatabaseExecutors implements DisposableBean {

	private final Map<String, Executor> executors;

	private final List<Executor> owned;

	private DatabaseExecutors(Map<String, Executor> executors, List<Executor> owned) {
		this.executors = executors;
		this.owned = owned;
	}

	/**
	 * Makes the executors of the databases the data source routes to.
	 * @param executor the {@code asyncOrmExecutor}, {@code default}'s
	 * @param dataSource the application's data source, routing when there are several databases
	 * @param properties the executor settings every executor follows
	 * @param decorators the application's task decorators
	 * @param environment the environment, for virtual threads
	 * @return the executors
	 */
	static DatabaseExecutors create(Executor executor, @Nullable DataSource dataSource,
			AsyncOrmProperties.Executor properties, List<TaskDecorator> decorators, Environment environment)
			throws Exception {
		Map<String, Executor> executors = new LinkedHashMap<>();
		executors.put(DatabaseAlias.DEFAULT, executor);
		List<Executor> owned = new ArrayList<>();
		if (dataSource instanceof DatabaseRoutingDataSource routing) {
			for (Map.Entry<String, DataSource> database : routing.dataSources().entrySet()) {
				if (!DatabaseAlias.DEFAULT.equals(database.getKey())) {
					Executor own = AsyncOrmExecutorFactory.create(properties, database.getValue(), decorators,
							environment, properties.getThreadNamePrefix() + database.getKey() + "-");
					if (own instanceof InitializingBean initializing) {
						initializing.afterPropertiesSet();
					}
					owned.add(own);
					executors.put(database.getKey(), own);
				}
			}
		}
		return new DatabaseExecutors(executors, owned);
	}

	/**
	 * The executor of each alias.
	 * @return the executors, {@code default} first
	 */
	Map<String, Executor> byAlias() {
		return this.executors;
	}

	@Override
	public void destroy() throws Exception {
		for (Executor executor : this.owned) {
			if (executor instanceof DisposableBean disposable) {
				disposable.destroy();
			}
		}
	}

}
