package dev.asyncorm.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.execution.DatabaseAlias;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Puts a {@link DatabaseRoutingDataSource} in place of the application's {@code dataSource} bean
 * when {@code async-orm.databases} names more databases, making a Hikari pool for each from its
 * URL (tuned by its {@code hikari.*} properties) or taking the {@code DataSource} bean it names.
 * Without more databases it leaves the data source alone.
 */
final class DatabaseRoutingPostProcessor implements BeanPostProcessor {

	/** The name of Spring Boot's data source bean, which becomes alias {@code default}. */
	static final String DATA_SOURCE_BEAN_NAME = "dataSource";

	private static final String PREFIX = "async-orm.databases";

	private static final boolean HIKARI_PRESENT = ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource",
			DatabaseRoutingPostProcessor.class.getClassLoader());

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
			DataSource dataSource = dataSource(alias, database);
			if (database.getDataSourceBean() == null && dataSource instanceof AutoCloseable closeable) {
				owned.add(closeable);
			}
			dataSources.put(alias, dataSource);
		});
		return new DatabaseRoutingDataSource(dataSources, owned);
	}

	private DataSource dataSource(String alias, AsyncOrmProperties.Database database) {
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
		if (HIKARI_PRESENT && dataSource instanceof HikariDataSource hikari) {
			hikari.setPoolName("asyncOrm-" + alias);
			this.binder.bind(PREFIX + "." + alias + ".hikari", Bindable.ofInstance(hikari));
		}
		return dataSource;
	}

}
