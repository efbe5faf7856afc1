package dev.asyncorm.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.asyncorm.execution.DatabaseAlias;
import dev.asyncorm.execution.DatabaseOutages;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's {@code DataSource} when async-orm has several databases: Spring's routing
 * data source, handing out a connection of the pool of the alias the current operation runs on
 * ({@link DatabaseAlias}), and of {@code default} outside operations. One persistence unit uses it,
 * so every database has the same entities and schema. A read the routers sent to a replica that
 * refuses the connection gets one of {@code default} instead, and the replica is left out for the
 * back-off ({@link DatabaseOutages}). Closing it closes the pools it made and the application's
 * own, which it replaced.
 */
final class DatabaseRoutingDataSource extends AbstractRoutingDataSource implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DatabaseRoutingDataSource.class);

	private final Map<String, DataSource> dataSources;

	private final List<AutoCloseable> owned;

	private final DatabaseOutages outages;

	/**
	 * Creates the routing data source.
	 * @param dataSources the data source of each alias, {@code default} first
	 * @param owned what closing it closes
	 * @param outages the replicas of {@code default}, and which of them refused connections lately
	 */
	DatabaseRoutingDataSource(Map<String, DataSource> dataSources, List<AutoCloseable> owned, DatabaseOutages outages) {
		this.dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
		this.owned = List.copyOf(owned);
		this.outages = outages;
		setTargetDataSources(new LinkedHashMap<>(dataSources));
		setDefaultTargetDataSource(dataSources.get(DatabaseAlias.DEFAULT));
		setLenientFallback(false);
		afterPropertiesSet();
	}

	@Override
	protected @Nullable Object determineCurrentLookupKey() {
		return DatabaseAlias.current();
	}

	@Override
	public Connection getConnection() throws SQLException {
		String alias = DatabaseAlias.current();
		if (alias == null || !DatabaseAlias.mayFallBack() || !this.outages.replicas().contains(alias)) {
			return super.getConnection();
		}
		DataSource primary = this.dataSources.get(DatabaseAlias.DEFAULT);
		if (!this.outages.available(alias)) {
			// Sent there before the outage was seen: the primary holds the same rows.
			return primary.getConnection();
		}
		try {
			return super.getConnection();
		}
		catch (SQLException | RuntimeException ex) {
			if (!this.outages.failOver(alias, ex)) {
				throw ex;
			}
			return primary.getConnection();
		}
	}

	/**
	 * The replicas that refused connections lately.
	 * @return the outages
	 */
	DatabaseOutages outages() {
		return this.outages;
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
