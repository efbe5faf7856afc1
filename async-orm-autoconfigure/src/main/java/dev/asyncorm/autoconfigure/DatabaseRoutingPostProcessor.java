package dev.asyncorm.autoconfigure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.execution.DatabaseAlias;
import dev.asyncorm.execution.DatabaseOutages;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Puts a {@link DatabaseRoutingDataSource} in place of the application's {@code dataSource} bean
 * when {@code async-orm.databases} names more databases, making a Hikari pool for each from its
 * URL (tuned by its {@code hikari.*} properties) or taking the {@code DataSource} bean it names.
 * Without more databases it leaves the data source alone. It runs before the application's own
 * post-processors, so that what wraps the data source (statement logging, tracing) wraps every
 * database's connections. The pools it makes commit as the application's does ({@code auto-commit}),
 * which Hibernate relies on for all of them.
 */
final class DatabaseRoutingPostProcessor implements BeanPostProcessor, PriorityOrdered {

	/** The name of Spring Boot's data source bean, which becomes alias {@code default}. */
	static final String DATA_SOURCE_BEAN_NAME = "dataSource";

	private static final String PREFIX = "async-orm.databases";


	private final Binder binder;

	private final BeanFactory beanFactory;

	/**
	 * Creates the post-processor.
	 * @param environment where {@code async-orm.databases} is read
	 * @param beanFactory where the data source beans it names are found
	 */
	DatabaseRoutingPostProcessor(Environment environment, BeanFactory beanFactory) {
		this.binder = Binder.get(environment);
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (!DATA_SOURCE_BEAN_NAME.equals(beanName) || !(bean instanceof DataSource primary)
				|| bean instanceof DatabaseRoutingDataSource) {
			return bean;
		}
		Map<String, AsyncOrmProperties.Database> databases = this.binder
			.bind(PREFIX, Bindable.mapOf(String.class, AsyncOrmProperties.Database.class))
			.orElse(Map.of());
		if (databases.isEmpty()) {
			return bean;
		}
		Map<String, DataSource> dataSources = new LinkedHashMap<>();
		List<AutoCloseable> owned = new ArrayList<>();
		dataSources.put(DatabaseAlias.DEFAULT, primary);
		if (primary instanceof AutoCloseable closeable) {
			owned.add(closeable);
		}
		databases.forEach((alias, database) -> {
			if (DatabaseAlias.DEFAULT.equals(alias)) {
				throw new IllegalStateException(PREFIX + ".default cannot be configured: '" + DatabaseAlias.DEFAULT
						+ "' is the application's own data source (spring.datasource.*)");
			}
			DataSource dataSource = dataSource(alias, database, primary);
			if (database.getDataSourceBean() == null && dataSource instanceof AutoCloseable closeable) {
				owned.add(closeable);
			}
			dataSources.put(alias, dataSource);
		});
		AsyncOrmProperties.Routing routing = this.binder.bind("async-orm.routing", AsyncOrmProperties.Routing.class)
			.orElseGet(AsyncOrmProperties.Routing::new);
		for (String replica : routing.getReplicas()) {
			if (!dataSources.containsKey(replica)) {
				throw new IllegalStateException("async-orm.routing.replicas names '" + replica
						+ "', which is not among the databases " + dataSources.keySet());
			}
		}
		return new DatabaseRoutingDataSource(dataSources, owned,
				new DatabaseOutages(new LinkedHashSet<>(routing.getReplicas()), routing.getReplicaBackoff()));
	}

	private DataSource dataSource(String alias, AsyncOrmProperties.Database database, DataSource primary) {
		if (database.getDataSourceBean() != null) {
			return this.beanFactory.getBean(database.getDataSourceBean(), DataSource.class);
		}
		if (!StringUtils.hasText(database.getUrl())) {
			throw new IllegalStateException(PREFIX + "." + alias + " needs a url (or a data-source-bean)");
		}
		DataSource dataSource = DataSourceBuilder.create(getClass().getClassLoader())
			.url(database.getUrl())
			.username(database.getUsername())
			.password(database.getPassword())
			.driverClassName(database.getDriverClassName())
			.build();
		if (AsyncOrmExecutorFactory.HIKARI_PRESENT && dataSource instanceof HikariDataSource hikari) {
			hikari.setPoolName("asyncOrm-" + alias);
			Boolean autoCommit = primaryAutoCommit(primary);
			if (autoCommit != null) {
				hikari.setAutoCommit(autoCommit);
			}
			this.binder.bind(PREFIX + "." + alias + ".hikari", Bindable.ofInstance(hikari));
			if (autoCommit != null && hikari.isAutoCommit() != autoCommit) {
				throw new IllegalStateException(PREFIX + "." + alias + ".hikari.auto-commit=" + hikari.isAutoCommit()
						+ " differs from the application's data source (" + autoCommit + "): Hibernate handles the "
						+ "transactions of every database alike, so they must agree");
			}
		}
		return dataSource;
	}

	/** Whether the application's pool commits by itself, when it is (or wraps) a Hikari pool. */
	private static @Nullable Boolean primaryAutoCommit(DataSource primary) {
		try {
			return primary.isWrapperFor(HikariDataSource.class) ? primary.unwrap(HikariDataSource.class).isAutoCommit()
					: null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
