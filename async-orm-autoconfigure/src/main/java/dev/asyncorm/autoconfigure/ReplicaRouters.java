package dev.asyncorm.autoconfigure;

import java.util.List;
import java.util.function.ToIntFunction;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.asyncorm.execution.ReplicaRouter;
import org.jspecify.annotations.Nullable;


/**
 * Makes the {@link ReplicaRouter} of {@code async-orm.routing}: over the replicas it names,
 * leaving out those that refused connections lately, choosing in turn or the least busy pool.
 */
final class ReplicaRouters {


	private ReplicaRouters() {
	}

	static ReplicaRouter of(DatabaseRoutingDataSource routing, AsyncOrmProperties.Routing properties) {
		List<String> replicas = properties.getReplicas();
		ToIntFunction<String> load = (properties.getReplicaSelection() == AsyncOrmProperties.ReplicaSelection.LEAST_BUSY)
				? (alias) -> busy(routing.dataSources().get(alias)) : null;
		return new ReplicaRouter(replicas, routing.outages()::available, load);
	}

	/** Connections in use plus threads waiting for one, when the data source is a started Hikari pool; else 0. */
	private static int busy(@Nullable DataSource dataSource) {
		if (!AsyncOrmExecutorFactory.HIKARI_PRESENT || !(dataSource instanceof HikariDataSource hikari)) {
			return 0;
		}
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		return (pool != null) ? pool.getActiveConnections() + pool.getThreadsAwaitingConnection() : 0;
	}

}
