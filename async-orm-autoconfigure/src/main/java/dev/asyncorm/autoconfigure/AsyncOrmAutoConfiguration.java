package dev.asyncorm.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import dev.asyncorm.AsyncModelRepository;
import dev.asyncorm.AsyncOrm;
import dev.asyncorm.AsyncOrmRouter;
import dev.asyncorm.execution.Databases;
import dev.asyncorm.execution.DatabaseAlias;
import dev.asyncorm.execution.DatabaseOutages;
import dev.asyncorm.execution.DefaultAsyncOrm;
import dev.asyncorm.execution.JpaAccess;
import dev.asyncorm.execution.OperationDispatcher;
import dev.asyncorm.execution.OperationMetrics;
import dev.asyncorm.execution.PersistenceExceptions;
import dev.asyncorm.query.ModelManagers;
import dev.asyncorm.query.QuerySettings;
import dev.asyncorm.query.RowLockStatementInspector;
import dev.asyncorm.relation.RelatedManagers;
import dev.asyncorm.repository.AsyncRepositoryPostProcessor;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.cfg.AvailableSettings;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Auto-configuration of async-orm: the {@code asyncOrmExecutor}, the dispatcher that runs
 * operations on it, and what every {@link AsyncModelRepository} needs. Spring Data JPA's own
 * repository auto-configuration stays in charge of finding the repositories.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { HibernateJpaAutoConfiguration.class, TaskExecutionAutoConfiguration.class })
@ConditionalOnClass({ EntityManagerFactory.class, AsyncModelRepository.class })
@ConditionalOnBean(EntityManagerFactory.class)
@ConditionalOnBooleanProperty(name = "async-orm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AsyncOrmProperties.class)
public final class AsyncOrmAutoConfiguration {

	/** The name of the executor bean. */
	public static final String EXECUTOR_BEAN_NAME = "asyncOrmExecutor";

	/**
	 * Declared as no default candidate so that Spring Boot's {@code applicationTaskExecutor},
	 * which backs off when any other {@code Executor} is a candidate, stays.
	 */
	@Bean(name = EXECUTOR_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = EXECUTOR_BEAN_NAME)
	AsyncTaskExecutor asyncOrmExecutor(AsyncOrmProperties properties, ObjectProvider<DataSource> dataSource,
			ObjectProvider<TaskDecorator> taskDecorators, Environment environment) {
		return AsyncOrmExecutorFactory.create(properties.getExecutor(), dataSource.getIfUnique(),
				taskDecorators.orderedStream().toList(), environment);
	}

	@Bean
	@ConditionalOnMissingBean
	PersistenceExceptions asyncOrmPersistenceExceptions(EntityManagerFactory entityManagerFactory) {
		return new PersistenceExceptions((entityManagerFactory instanceof EntityManagerFactoryInfo info)
				? info.getJpaDialect() : null);
	}

	/** Puts a routing data source in place of the application's when {@code async-orm.databases} names more. */
	@Bean
	static DatabaseRoutingPostProcessor asyncOrmDatabaseRoutingPostProcessor(Environment environment,
			BeanFactory beanFactory) {
		return new DatabaseRoutingPostProcessor(environment, beanFactory);
	}

	/**
	 * The executors of the other databases. The persistence unit is a parameter so that it is
	 * closed after them: operations still running when the application stops can finish.
	 */
	@Bean
	DatabaseExecutors asyncOrmDatabaseExecutors(@Qualifier(EXECUTOR_BEAN_NAME) Executor executor,
			ObjectProvider<DataSource> dataSource, AsyncOrmProperties properties,
			ObjectProvider<TaskDecorator> taskDecorators, Environment environment,
			EntityManagerFactory entityManagerFactory) throws Exception {
		return DatabaseExecutors.create(executor, dataSource.getIfUnique(), properties,
				taskDecorators.orderedStream().toList(), environment);
	}

	/**
	 * The databases: {@code default} and those of {@code async-orm.databases}, each on its
	 * executor, routed by the application's routers in order, then by the {@link ReplicaRouter}
	 * when {@code async-orm.routing.replicas} names replicas.
	 */
	@Bean
	@ConditionalOnMissingBean
	Databases asyncOrmDatabases(DatabaseExecutors executors, ObjectProvider<AsyncOrmRouter> routers,
			AsyncOrmProperties properties, EntityManagerFactory entityManagerFactory) {
		List<AsyncOrmRouter> chain = new ArrayList<>(routers.orderedStream().toList());
		List<String> replicas = properties.getRouting().getReplicas();
		DatabaseRoutingDataSource routing = executors.routing();
		if (!replicas.isEmpty() && routing == null) {
			throw new IllegalStateException("async-orm.routing.replicas names " + replicas
					+ ", but async-orm.databases configures no database besides '" + DatabaseAlias.DEFAULT + "'");
		}
		if (!replicas.isEmpty()) {
			chain.add(ReplicaRouters.of(routing, properties.getRouting()));
		}
		DatabaseOutages outages = (routing != null) ? routing.outages() : DatabaseOutages.NONE;
		return new Databases(executors.byAlias(), chain, outages).rememberingInstancesOf(entityManagerFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	OperationDispatcher asyncOrmOperationDispatcher(Databases databases, ObjectProvider<OperationMetrics> metrics,
			PersistenceExceptions exceptions) {
		return new OperationDispatcher(databases, metrics.getIfAvailable(() -> OperationMetrics.NONE), exceptions);
	}

	@Bean
	@ConditionalOnMissingBean
	JpaAccess asyncOrmJpaAccess(EntityManagerFactory entityManagerFactory,
			PlatformTransactionManager transactionManager) {
		return new JpaAccess(entityManagerFactory, transactionManager);
	}

	@Bean
	@ConditionalOnMissingBean
	ModelManagers asyncOrmModelManagers(JpaAccess jpa, OperationDispatcher dispatcher,
			PersistenceExceptions exceptions, AsyncOrmProperties properties) {
		return new ModelManagers(jpa, dispatcher, exceptions, new QuerySettings(properties.getIterator().getChunkSize(),
				properties.getBulk().getBatchSize(), properties.getQuery().getTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	RelatedManagers asyncOrmRelatedManagers(JpaAccess jpa, OperationDispatcher dispatcher, ModelManagers managers) {
		return new RelatedManagers(jpa, dispatcher, managers);
	}

	@Bean
	@ConditionalOnMissingBean(AsyncOrm.class)
	DefaultAsyncOrm asyncOrm(OperationDispatcher dispatcher, JpaAccess jpa) {
		return new DefaultAsyncOrm(dispatcher, jpa);
	}

	/**
	 * Runs Hibernate's statements through the inspector that writes {@code selectForUpdate()}'s
	 * lock clause, after the inspector the application configured, if any.
	 */
	@Bean
	HibernatePropertiesCustomizer asyncOrmRowLockStatementInspector() {
		return (properties) -> properties.put(AvailableSettings.STATEMENT_INSPECTOR,
				RowLockStatementInspector.wrapping(properties.get(AvailableSettings.STATEMENT_INSPECTOR)));
	}

	@Bean
	static AsyncRepositoryPostProcessor asyncOrmRepositoryPostProcessor(ObjectProvider<OperationDispatcher> dispatcher) {
		return new AsyncRepositoryPostProcessor(dispatcher);
	}

}
