package dev.asyncorm.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;


/**
 * Gives the pools async-orm makes for other databases Hikari's own Micrometer meters
 * ({@code hikaricp.connections.*}, tagged {@code pool=asyncOrm-<alias>}), as Spring Boot gives
 * them to the application's pool, which it can find only as a bean.
 */
final class HikariMetrics {


	private HikariMetrics() {
	}

	static void bind(DataSource dataSource, MeterRegistry registry) {
		if (AsyncOrmExecutorFactory.HIKARI_PRESENT && dataSource instanceof HikariDataSource hikari
				&& hikari.getMetricRegistry() == null && hikari.getMetricsTrackerFactory() == null
				&& hikari.getHikariPoolMXBean() == null) {
			hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
		}
	}

}
