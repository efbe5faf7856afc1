package dev.asyncorm.it.databases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the standby says of its replication, for the message of an assertion that fails.
 */
final class PostgresReplicaClusterState {

	private PostgresReplicaClusterState() {
	}

	static String describe() {
		String sql = "select pg_is_in_recovery(), pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), "
				+ "pg_last_xact_replay_timestamp(), pg_is_wal_replay_paused(), "
				+ "(select string_agg(status, ',') from pg_stat_wal_receiver)";
		try (Connection connection = DriverManager.getConnection(PostgresReplicaCluster.shared().standbyUrl(),
				"postgres", ""); Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return "standby: in recovery " + row.getString(1) + ", received " + row.getString(2) + ", replayed "
					+ row.getString(3) + " (last at " + row.getString(4) + "), paused " + row.getString(5)
					+ ", receiver " + row.getString(6);
		}
		catch (SQLException ex) {
			return "standby does not answer: " + ex;
		}
	}

}
