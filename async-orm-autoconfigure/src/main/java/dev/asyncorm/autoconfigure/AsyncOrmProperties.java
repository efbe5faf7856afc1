package dev.asyncorm.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of async-orm, under {@code async-orm}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("async-orm")
public class AsyncOrmProperties {

	/**
	 * Whether async-orm is enabled.
	 */
	private boolean enabled = true;

	private final Executor executor = new Executor();

	private final Metrics metrics = new Metrics();

	private final Query query = new Query();

	private final Iterator iterator = new Iterator();

	private final Bulk bulk = new Bulk();

	/**
	 * Databases besides the application's own data source (alias "default"), by alias: each
	 * with its own connection pool and share of the executor.
	 */
	private final Map<String, Database> databases = new LinkedHashMap<>();

	private final Routing routing = new Routing();

	/**
	 * Returns whether async-orm is enabled.
	 * @return whether it is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether async-orm is enabled.
	 * @param enabled whether it is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the executor settings.
	 * @return the executor settings
	 */
	public Executor getExecutor() {
		return this.executor;
	}

	/**
	 * Returns the metrics settings.
	 * @return the metrics settings
	 */
	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Returns the query settings.
	 * @return the query settings
	 */
	public Query getQuery() {
		return this.query;
	}

	/**
	 * Returns the bulk write settings.
	 * @return the bulk write settings
	 */
	public Bulk getBulk() {
		return this.bulk;
	}

	/**
	 * Returns the databases besides {@code default}, by alias.
	 * @return the databases
	 */
	public Map<String, Database> getDatabases() {
		return this.databases;
	}

	/**
	 * Returns the routing settings.
	 * @return the routing settings
	 */
	public Routing getRouting() {
		return this.routing;
	}

	/**
	 * One more database, under {@code async-orm.databases.<alias>}: a connection pool made from a
	 * URL ({@code hikari.*} tunes it as {@code spring.datasource.hikari.*} tunes Spring Boot's),
	 * or a {@code DataSource} bean of the application.
	 */
	public static final class Database {

		/**
		 * JDBC URL of the database.
		 */
		private @Nullable String url;

		/**
		 * Login username of the database.
		 */
		private @Nullable String username;

		/**
		 * Login password of the database.
		 */
		private @Nullable String password;

		/**
		 * Fully qualified name of the JDBC driver. Auto-detected from the URL by default.
		 */
		private @Nullable String driverClassName;

		/**
		 * Name of a DataSource bean to use instead of a pool made from the URL.
		 */
		private @Nullable String dataSourceBean;

		/**
		 * Returns the JDBC URL.
		 * @return the URL
		 */
		public @Nullable String getUrl() {
			return this.url;
		}

		/**
		 * Sets the JDBC URL.
		 * @param url the URL
		 */
		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		/**
		 * Returns the username.
		 * @return the username
		 */
		public @Nullable String getUsername() {
			return this.username;
		}

		/**
		 * Sets the username.
		 * @param username the username
		 */
		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		/**
		 * Returns the password.
		 * @return the password
		 */
		public @Nullable String getPassword() {
			return this.password;
		}

		/**
		 * Sets the password.
		 * @param password the password
		 */
		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		/**
		 * Returns the JDBC driver's class name.
		 * @return the class name
		 */
		public @Nullable String getDriverClassName() {
			return this.driverClassName;
		}

		/**
		 * Sets the JDBC driver's class name.
		 * @param driverClassName the class name
		 */
		public void setDriverClassName(@Nullable String driverClassName) {
			this.driverClassName = driverClassName;
		}

		/**
		 * Returns the name of the DataSource bean to use.
		 * @return the bean name
		 */
		public @Nullable String getDataSourceBean() {
			return this.dataSourceBean;
		}

		/**
		 * Sets the name of the DataSource bean to use.
		 * @param dataSourceBean the bean name
		 */
		public void setDataSourceBean(@Nullable String dataSourceBean) {
			this.dataSourceBean = dataSourceBean;
		}

	}

	/**
	 * Where operations that name no database go.
	 */
	public static final class Routing {

		/**
		 * Aliases of read replicas. When set, reads outside a transaction go to them in turn
		 * and writes to "default" (the built-in ReplicaRouter).
		 */
		private List<String> replicas = new ArrayList<>();

		/**
		 * How reads choose among the replicas.
		 */
		private ReplicaSelection replicaSelection = ReplicaSelection.ROUND_ROBIN;

		/**
		 * How long a replica that refused a connection gets no reads (they go to "default").
		 */
		private Duration replicaBackoff = Duration.ofSeconds(30);

		/**
		 * Returns how reads choose among the replicas.
		 * @return the selection
		 */
		public ReplicaSelection getReplicaSelection() {
			return this.replicaSelection;
		}

		/**
		 * Sets how reads choose among the replicas.
		 * @param replicaSelection the selection
		 */
		public void setReplicaSelection(ReplicaSelection replicaSelection) {
			this.replicaSelection = replicaSelection;
		}

		/**
		 * Returns how long a replica that refused a connection gets no reads.
		 * @return the back-off
		 */
		public Duration getReplicaBackoff() {
			return this.replicaBackoff;
		}

		/**
		 * Sets how long a replica that refused a connection gets no reads.
		 * @param replicaBackoff the back-off
		 */
		public void setReplicaBackoff(Duration replicaBackoff) {
			this.replicaBackoff = replicaBackoff;
		}

		/**
		 * Returns the aliases of the read replicas.
		 * @return the aliases
		 */
		public List<String> getReplicas() {
			return this.replicas;
		}

		/**
		 * Sets the aliases of the read replicas.
		 * @param replicas the aliases
		 */
		public void setReplicas(List<String> replicas) {
			this.replicas = replicas;
		}

	}

	/**
	 * How reads choose among the replicas.
	 */
	public enum ReplicaSelection {

		/**
		 * Each read goes to the next replica.
		 */
		ROUND_ROBIN,

		/**
		 * Each read goes to the replica whose pool has the fewest connections in use and threads
		 * waiting for one.
		 */
		LEAST_BUSY

	}

	/**
	 * The {@code asyncOrmExecutor}, on which every operation runs.
	 */
	public static final class Executor {

		/**
		 * Number of threads kept alive. Defaults to the connection pool's maximum size, so that the
		 * executor never runs more operations at once than the pool has connections.
		 */
		private @Nullable Integer coreSize;

		/**
		 * Maximum number of threads, reached only when the queue is full. Defaults to the core size.
		 */
		private @Nullable Integer maxSize;

		/**
		 * Number of operations that may wait for a thread; past it, operations fail with
		 * TaskRejectedException.
		 */
		private int queueCapacity = 1000;

		/**
		 * Time threads above the core size stay idle before they end.
		 */
		private Duration keepAlive = Duration.ofSeconds(60);

		/**
		 * Prefix of the executor's thread names.
		 */
		private String threadNamePrefix = "async-orm-";

		/**
		 * Whether operations run on virtual threads (Java 21 or later), one per operation, at most
		 * core-size of them at once. Defaults to spring.threads.virtual.enabled.
		 */
		private @Nullable Boolean virtualThreads;

		private final Shutdown shutdown = new Shutdown();

		/**
		 * Returns the core size.
		 * @return the core size, or {@code null} for the pool size
		 */
		public @Nullable Integer getCoreSize() {
			return this.coreSize;
		}

		/**
		 * Sets the core size.
		 * @param coreSize the core size
		 */
		public void setCoreSize(@Nullable Integer coreSize) {
			this.coreSize = coreSize;
		}

		/**
		 * Returns the maximum size.
		 * @return the maximum size, or {@code null} for the core size
		 */
		public @Nullable Integer getMaxSize() {
			return this.maxSize;
		}

		/**
		 * Sets the maximum size.
		 * @param maxSize the maximum size
		 */
		public void setMaxSize(@Nullable Integer maxSize) {
			this.maxSize = maxSize;
		}

		/**
		 * Returns the queue capacity.
		 * @return the queue capacity
		 */
		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		/**
		 * Sets the queue capacity.
		 * @param queueCapacity the queue capacity
		 */
		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		/**
		 * Returns the keep-alive.
		 * @return the keep-alive
		 */
		public Duration getKeepAlive() {
			return this.keepAlive;
		}

		/**
		 * Sets the keep-alive.
		 * @param keepAlive the keep-alive
		 */
		public void setKeepAlive(Duration keepAlive) {
			this.keepAlive = keepAlive;
		}

		/**
		 * Returns the thread name prefix.
		 * @return the prefix
		 */
		public String getThreadNamePrefix() {
			return this.threadNamePrefix;
		}

		/**
		 * Sets the thread name prefix.
		 * @param threadNamePrefix the prefix
		 */
		public void setThreadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
		}

		/**
		 * Returns whether operations run on virtual threads.
		 * @return {@code true} or {@code false}, or {@code null} to follow
		 * {@code spring.threads.virtual.enabled}
		 */
		public @Nullable Boolean getVirtualThreads() {
			return this.virtualThreads;
		}

		/**
		 * Sets whether operations run on virtual threads.
		 * @param virtualThreads whether they do, or {@code null} to follow
		 * {@code spring.threads.virtual.enabled}
		 */
		public void setVirtualThreads(@Nullable Boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
		}

		/**
		 * Returns the shutdown settings.
		 * @return the shutdown settings
		 */
		public Shutdown getShutdown() {
			return this.shutdown;
		}

	}

	/**
	 * How the executor shuts down with the application.
	 */
	public static final class Shutdown {

		/**
		 * Whether shutdown waits for queued and running operations to finish.
		 */
		private boolean awaitTermination = true;

		/**
		 * Maximum time shutdown waits for operations to finish.
		 */
		private Duration awaitTerminationPeriod = Duration.ofSeconds(30);

		/**
		 * Returns whether shutdown waits.
		 * @return whether it waits
		 */
		public boolean isAwaitTermination() {
			return this.awaitTermination;
		}

		/**
		 * Sets whether shutdown waits.
		 * @param awaitTermination whether it waits
		 */
		public void setAwaitTermination(boolean awaitTermination) {
			this.awaitTermination = awaitTermination;
		}

		/**
		 * Returns the longest wait.
		 * @return the period
		 */
		public Duration getAwaitTerminationPeriod() {
			return this.awaitTerminationPeriod;
		}

		/**
		 * Sets the longest wait.
		 * @param awaitTerminationPeriod the period
		 */
		public void setAwaitTerminationPeriod(Duration awaitTerminationPeriod) {
			this.awaitTerminationPeriod = awaitTerminationPeriod;
		}

	}

	/**
	 * Micrometer metrics.
	 */
	public static final class Metrics {

		/**
		 * Whether operation and executor metrics are recorded when a MeterRegistry exists.
		 */
		private boolean enabled = true;

		/**
		 * Returns whether metrics are recorded.
		 * @return whether they are
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets whether metrics are recorded.
		 * @param enabled whether they are
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Returns the iteration settings.
	 * @return the iteration settings
	 */
	public Iterator getIterator() {
		return this.iterator;
	}

	/**
	 * The statements of querysets.
	 */
	public static final class Query {

		/**
		 * Statement timeout of every query, update and delete of a queryset that sets none with
		 * timeout(Duration), in whole seconds rounded up.
		 */
		private @Nullable Duration timeout;

		/**
		 * Returns the default statement timeout.
		 * @return the timeout, or {@code null} for the database's
		 */
		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets the default statement timeout.
		 * @param timeout the timeout, or {@code null} for the database's
		 */
		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Iteration with {@code iterator()} and {@code forEach()}.
	 */
	public static final class Iterator {

		/**
		 * Number of rows each query of iterator() and forEach() reads, Django's chunk_size.
		 */
		private int chunkSize = 2000;

		/**
		 * Returns the number of rows per query.
		 * @return the chunk size
		 */
		public int getChunkSize() {
			return this.chunkSize;
		}

		/**
		 * Sets the number of rows per query.
		 * @param chunkSize the chunk size
		 */
		public void setChunkSize(int chunkSize) {
			this.chunkSize = chunkSize;
		}

	}

	/**
	 * Bulk writes: {@code bulkCreate} and {@code bulkUpdate}.
	 */
	public static final class Bulk {

		/**
		 * Maximum number of rows per INSERT or UPDATE statement of bulkCreate and bulkUpdate when
		 * the call gives no batch size. The database's bind-parameter limit may lower it further.
		 */
		private int batchSize = 1000;

		/**
		 * Returns the default batch size.
		 * @return the number of rows per statement
		 */
		public int getBatchSize() {
			return this.batchSize;
		}

		/**
		 * Sets the default batch size.
		 * @param batchSize the number of rows per statement
		 */
		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

}
