package dev.asyncorm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.AsyncOrm;
import dev.asyncorm.execution.Databases;
import dev.asyncorm.execution.MicrometerOperationMetrics;
import dev.asyncorm.execution.OperationDispatcher;
import dev.asyncorm.execution.VirtualThreadOperationExecutor;
import dev.asyncorm.query.ModelManagers;
import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.TransactionDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AsyncOrmAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, AsyncOrmAutoConfiguration.class,
				AsyncOrmMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class));

	private static ThreadPoolTaskExecutor executor(org.springframework.context.ApplicationContext context) {
		return context.getBean(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME, ThreadPoolTaskExecutor.class);
	}

	@Test
	void contributesTheExecutorAndKeepsBootsApplicationTaskExecutor() {
		this.runner.run((context) -> {
			assertThat(context).hasBean(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME);
			assertThat(context).hasBean("applicationTaskExecutor");
			assertThat(context).hasSingleBean(AsyncOrm.class);
			assertThat(context).hasSingleBean(OperationDispatcher.class);
			assertThat(context).hasSingleBean(ModelManagers.class);
			assertThat(context).hasSingleBean(MicrometerOperationMetrics.class);
		});
	}

	@Test
	void executorIsSizedToTheConnectionPoolAndBounded() {
		this.runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=7").run((context) -> {
			ThreadPoolTaskExecutor executor = executor(context);
			assertThat(executor.getCorePoolSize()).isEqualTo(7);
			assertThat(executor.getMaxPoolSize()).isEqualTo(7);
			assertThat(executor.getQueueCapacity()).isEqualTo(1000);
			assertThat(executor.getThreadNamePrefix()).isEqualTo("async-orm-");
		});
	}

	@Test
	void executorPropertiesTuneTheExecutor() {
		this.runner
			.withPropertyValues("async-orm.executor.core-size=3", "async-orm.executor.max-size=5",
					"async-orm.executor.queue-capacity=50", "async-orm.executor.keep-alive=10s",
					"async-orm.executor.thread-name-prefix=db-")
			.run((context) -> {
				ThreadPoolTaskExecutor executor = executor(context);
				assertThat(executor.getCorePoolSize()).isEqualTo(3);
				assertThat(executor.getMaxPoolSize()).isEqualTo(5);
				assertThat(executor.getQueueCapacity()).isEqualTo(50);
				assertThat(executor.getKeepAliveSeconds()).isEqualTo(10);
				assertThat(executor.getThreadNamePrefix()).isEqualTo("db-");
			});
	}

	@Test
	void disabledPropertyTurnsEverythingOff() {
		this.runner.withPropertyValues("async-orm.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME);
			assertThat(context).doesNotHaveBean(OperationDispatcher.class);
			assertThat(context).doesNotHaveBean(AsyncOrm.class);
			assertThat(context).doesNotHaveBean(MicrometerOperationMetrics.class);
			assertThat(context).hasBean("applicationTaskExecutor");
		});
	}

	@Test
	void backsOffWithoutAnEntityManagerFactory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, AsyncOrmAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(OperationDispatcher.class);
			});
	}

	@Test
	void executorBacksOffWhenUserDefinesOne() {
		this.runner.withUserConfiguration(UserExecutorConfiguration.class).run((context) -> {
			assertThat(executor(context).getThreadNamePrefix()).isEqualTo("mine-");
			assertThat(context).hasSingleBean(OperationDispatcher.class);
		});
	}

	@Test
	void asyncOrmBacksOffWhenUserDefinesOne() {
		this.runner.withUserConfiguration(UserAsyncOrmConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(AsyncOrm.class);
			assertThat(context.getBean(AsyncOrm.class)).isSameAs(UserAsyncOrmConfiguration.ASYNC_ORM);
		});
	}

	@Test
	void taskDecoratorsApplyToTheExecutor() {
		this.runner.withUserConfiguration(DecoratorConfiguration.class).run((context) -> {
			AtomicBoolean ran = new AtomicBoolean();
			Future<?> done = executor(context).submit(() -> ran.set(DecoratorConfiguration.DECORATED.get()));
			done.get();
			assertThat(ran).isTrue();
		});
	}

	@Test
	void closingADecoratedExecutorWithoutWaitingFailsEveryQueuedOperation() {
		this.runner.withUserConfiguration(DecoratorConfiguration.class)
			.withPropertyValues("async-orm.executor.core-size=1", "async-orm.executor.shutdown.await-termination=false")
			.run((context) -> {
				OperationDispatcher dispatcher = context.getBean(OperationDispatcher.class);
				List<CompletableFuture<Boolean>> futures = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					futures.add(dispatcher.submit("Repo", "op", () -> {
						Thread.sleep(5);
						return DecoratorConfiguration.DECORATED.get();
					}));
				}
				// Spring's pool remembers which operation a decorated task runs only weakly.
				System.gc();
				context.close();
				await().atMost(Duration.ofSeconds(5)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
				long rejected = futures.stream()
					.filter((future) -> future.handle((ran, ex) -> ex instanceof TaskRejectedException).join())
					.count();
				assertThat(rejected).isGreaterThan(150);
				assertThat(futures).allSatisfy((future) -> assertThat(future.handle((decorated, ex) -> decorated != null
						|| ex instanceof TaskRejectedException || ex instanceof InterruptedException)
					.join()).isTrue());
			});
	}

	@Test
	void moreDatabasesPutARoutingDataSourceInPlaceWithAPoolAndAnExecutorForEach() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:routing_default",
					"async-orm.databases.replica.url=jdbc:h2:mem:routing_replica",
					"async-orm.databases.replica.hikari.maximum-pool-size=4",
					"async-orm.databases.archive.data-source-bean=archiveDataSource",
					"async-orm.routing.replicas=replica")
			.withUserConfiguration(ArchiveDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DatabaseRoutingDataSource routing = context.getBean("dataSource", DatabaseRoutingDataSource.class);
				assertThat(routing.dataSources()).containsOnlyKeys("default", "replica", "archive");
				assertThat(routing.dataSources().get("archive")).isSameAs(context.getBean("archiveDataSource"));
				HikariDataSource replica = (HikariDataSource) routing.dataSources().get("replica");
				assertThat(replica.getMaximumPoolSize()).isEqualTo(4);
				assertThat(replica.getPoolName()).isEqualTo("asyncOrm-replica");
				assertThat(context.getBean(Databases.class).aliases()).containsExactly("default", "replica", "archive");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("executor.pool.max").tag("name", "asyncOrm-replica").gauge().value())
					.isEqualTo(4.0);
				assertThat(registry.get("async.orm.database.outages").tag("database", "replica").functionCounter()
					.count()).isZero();
			});
	}

	@Test
	void aReplicaThatIsNotADatabaseFailsTheStart() {
		this.runner
			.withPropertyValues("async-orm.databases.archive.url=jdbc:h2:mem:routing_archive",
					"async-orm.routing.replicas=replica")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("async-orm.routing.replicas names 'replica', which is not among the databases "
						+ "[default, archive]"));
		this.runner.withPropertyValues("async-orm.routing.replicas=replica")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("async-orm.routing.replicas names [replica], but async-orm.databases configures no "
						+ "database besides 'default'"));
	}

	@Test
	void executorGaugesAreTaggedAsyncOrm() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("executor.pool.max").tag("name", "asyncOrm").gauge().value()).isEqualTo(10.0);
			assertThat(registry.get("executor.queue.remaining").tag("name", "asyncOrm").gauge().value())
				.isEqualTo(1000.0);
		});
	}

	@Test
	void metricsCanBeDisabled() {
		this.runner.withPropertyValues("async-orm.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MicrometerOperationMetrics.class);
			assertThat(context).hasSingleBean(OperationDispatcher.class);
		});
	}

	@Test
	void closingTheContextRunsTheOperationsInFlightByDefault() {
		List<CompletableFuture<Integer>> futures = new ArrayList<>();
		this.runner.run((context) -> {
			AsyncOrm orm = context.getBean(AsyncOrm.class);
			for (int i = 0; i < 500; i++) {
				futures.add(orm.execute(() -> {
					Thread.sleep(2);
					return 1;
				}));
			}
		});
		assertThat(futures).allSatisfy((future) -> assertThat(future).isCompletedWithValue(1));
	}

	@Test
	void closingTheContextWithoutWaitingLeavesNoOperationIncomplete() {
		List<CompletableFuture<Integer>> futures = new ArrayList<>();
		this.runner.withPropertyValues("async-orm.executor.shutdown.await-termination=false").run((context) -> {
			AsyncOrm orm = context.getBean(AsyncOrm.class);
			for (int i = 0; i < 500; i++) {
				futures.add(orm.execute(() -> {
					Thread.sleep(2);
					return 1;
				}));
			}
		});
		// Spring's executor stops taking tasks when the context closes and then drops its queue: each
		// operation either ran or failed with TaskRejectedException.
		await().atMost(Duration.ofSeconds(5)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
		assertThat(futures).allSatisfy((future) -> assertThat(future.handle((value, ex) -> (ex != null) ? ex : value)
			.join()).isInstanceOfAny(Integer.class, TaskRejectedException.class, InterruptedException.class));
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsAskedForBeforeJava21FailTheStartWithTheReason() {
		this.runner.withPropertyValues("async-orm.executor.virtual-threads=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("async-orm.executor.virtual-threads=true needs Java 21 or later");
		});
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(executor(context)).isInstanceOf(ThreadPoolTaskExecutor.class));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsRunOperationsAsManyAtOnceAsThePoolHasConnections() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true", "spring.datasource.hikari.maximum-pool-size=7")
			.run((context) -> {
				Object executor = context.getBean(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME);
				assertThat(executor).isInstanceOf(VirtualThreadOperationExecutor.class);
				assertThat(((VirtualThreadOperationExecutor) executor).concurrency()).isEqualTo(7);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("executor.pool.max").tag("name", "asyncOrm").gauge().value()).isEqualTo(7.0);
				OperationDispatcher dispatcher = context.getBean(OperationDispatcher.class);
				assertThat(dispatcher.submit("Test", "work", () -> Thread.currentThread().getName()))
					.succeedsWithin(Duration.ofSeconds(5))
					.asString()
					.startsWith("async-orm-");
			});
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true", "async-orm.executor.virtual-threads=false")
			.run((context) -> assertThat(executor(context)).isInstanceOf(ThreadPoolTaskExecutor.class));
	}

	@Test
	void worksWithoutMicrometer() {
		// Context Propagation (a dependency of the library) finds its accessors once per JVM, with the
		// thread's class loader: not the filtered one below, which hides the classes it lists.
		ContextRegistry.getInstance();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
					AsyncOrmAutoConfiguration.class, AsyncOrmMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MicrometerOperationMetrics.class);
			OperationDispatcher dispatcher = context.getBean(OperationDispatcher.class);
			assertThat(dispatcher.submit("Test", "work", () -> 42)).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(42);
		});
	}

	@Test
	void iteratorChunkSizeDefaultsToDjangosAndCanBeSet() {
		this.runner.run((context) -> assertThat(context.getBean(AsyncOrmProperties.class).getIterator().getChunkSize())
			.isEqualTo(2000));
		this.runner.withPropertyValues("async-orm.iterator.chunk-size=500")
			.run((context) -> assertThat(context.getBean(AsyncOrmProperties.class).getIterator().getChunkSize())
				.isEqualTo(500));
	}

	@Test
	void iteratorChunkSizeThatIsNotPositiveFailsTheStartup() {
		this.runner.withPropertyValues("async-orm.iterator.chunk-size=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("async-orm.iterator.chunk-size must be positive, got 0");
		});
	}

	@Test
	void bulkBatchSizeDefaultsToAThousandRows() {
		this.runner.run((context) -> assertThat(context.getBean(AsyncOrmProperties.class).getBulk().getBatchSize())
			.isEqualTo(1000));
	}

	@Test
	void queryTimeoutIsUnsetByDefaultAndMustBePositive() {
		this.runner.run((context) -> assertThat(context.getBean(AsyncOrmProperties.class).getQuery().getTimeout())
			.isNull());
		this.runner.withPropertyValues("async-orm.query.timeout=3s")
			.run((context) -> assertThat(context.getBean(AsyncOrmProperties.class).getQuery().getTimeout())
				.isEqualTo(Duration.ofSeconds(3)));
		this.runner.withPropertyValues("async-orm.query.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("async-orm.query.timeout must be positive, got PT0S"));
	}

	@Test
	void bulkBatchSizeMustBePositive() {
		this.runner.withPropertyValues("async-orm.bulk.batch-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("async-orm.bulk.batch-size must be positive, got 0"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserExecutorConfiguration {

		@Bean(name = AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME, defaultCandidate = false)
		ThreadPoolTaskExecutor myExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setThreadNamePrefix("mine-");
			return executor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAsyncOrmConfiguration {

		static final AsyncOrm ASYNC_ORM = new AsyncOrm() {

			@Override
			public <R> CompletableFuture<R> atomic(Callable<R> work) {
				return new CompletableFuture<>();
			}

			@Override
			public <R> CompletableFuture<R> atomic(TransactionDefinition definition, Callable<R> work) {
				return new CompletableFuture<>();
			}

			@Override
			public <R> CompletableFuture<R> atomic(String alias, Callable<R> work) {
				return new CompletableFuture<>();
			}

			@Override
			public <R> CompletableFuture<R> atomic(String alias, TransactionDefinition definition, Callable<R> work) {
				return new CompletableFuture<>();
			}

			@Override
			public <R> CompletableFuture<R> execute(Callable<R> work) {
				return new CompletableFuture<>();
			}

		};

		@Bean
		AsyncOrm userAsyncOrm() {
			return ASYNC_ORM;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ArchiveDataSourceConfiguration {

		@Bean(defaultCandidate = false)
		DataSource archiveDataSource() {
			return new DriverManagerDataSource("jdbc:h2:mem:routing_archive_bean", "sa", "");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DecoratorConfiguration {

		static final ThreadLocal<Boolean> DECORATED = ThreadLocal.withInitial(() -> false);

		@Bean
		TaskDecorator marker() {
			return (runnable) -> () -> {
				DECORATED.set(true);
				try {
					runnable.run();
				}
				finally {
					DECORATED.remove();
				}
			};
		}

	}

}
