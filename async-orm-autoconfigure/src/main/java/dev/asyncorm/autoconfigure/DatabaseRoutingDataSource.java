package dev.asyncorm.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.asyncorm.execution.DatabaseAlias;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's {@code DataSource} when async-orm has several databases: Spring's routing
 * data source, handing out a connection of the pool of the alias the current operation runs on
 * ({@link DatabaseAlias}), and of {@code default} outside operations. One persistence unit uses it,
 * so every database has the same entities and schema. Closing it closes the pools it made and the
 * application's own, which it replaced.
 */
final class DatabaseRoutingDataSource extends AbstractRoutingDataSource implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DatabaseRoutingDataSource.class);

	private final Map<String, DataSource> dataSources;

	private final List<AutoCloseable> owned;

	/**
	 * Creates the routing data source.
	 * @param dataSources the data source of each alias, {@code default} first
	 * @param owned what closing it closes
	 */
	DatabaseRoutingDataSource(Map<String, DataSource> dataSources, List<AutoCloseable> owned) {
		this.dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
		this.owned = List.copyOf(owned);
		setTargetDataSources(new LinkedHashMap<>(dataSources));
		setDefaultTargetDataSource(dataSources.get(DatabaseAlias.DEFAULT));
		setLenientFallback(false);
		afterPropertiesSet();
	}

	@Override
	protected @Nullable Object determineCurrentLookupKey() {
		return DatabaseAlias.current();
	}

	/**
	 * The data source of each alias.
	 * @return the data sources, {@code default} first
	 */
	Map<String, DataSource> dataSources() {
		return this.dataSources;
	}

	@Override
	public void close() {
		List<AutoCloseable> closing = new ArrayList<>(this.owned);
		Collections.reverse(closing);
		for (AutoCloseable pool : closing) {
			try {
				pool.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close the data source " + pool, ex);
			}
		}
	}

}
