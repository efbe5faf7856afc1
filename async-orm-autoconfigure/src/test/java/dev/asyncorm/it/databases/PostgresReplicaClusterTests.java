package dev.asyncorm.it.databases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks the {@link PostgresReplicaCluster} with plain JDBC: a primary and a read-only standby
 * that replays what the primary writes, also after an outage.
 */
class PostgresReplicaClusterTests {

	private static PostgresReplicaCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = PostgresReplicaCluster.shared();
	}

	@Test
	void standbyIsInRecoveryAndPrimaryIsNot() throws SQLException {
		assertThat(cluster.primaryPort()).isNotEqualTo(cluster.standbyPort());
		assertThat(cluster.primaryUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + cluster.primaryPort() + "/test");
		assertThat(cluster.standbyUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + cluster.standbyPort() + "/test");
		try (Connection primary = connect(cluster.primaryUrl())) {
			assertThat(queryBoolean(primary, "select pg_is_in_recovery()")).isFalse();
			assertThat(queryInt(primary, "select inet_server_port()")).isEqualTo(cluster.primaryPort());
		}
		try (Connection standby = connect(cluster.standbyUrl())) {
			assertThat(queryBoolean(standby, "select pg_is_in_recovery()")).isTrue();
			assertThat(queryInt(standby, "select inet_server_port()")).isEqualTo(cluster.standbyPort());
		}
		assertThat(cluster.standbyRunning()).isTrue();
	}

	@Test
	void rowWrittenOnPrimaryIsReadOnStandbyAfterReplay() throws SQLException {
		try (Connection primary = connect(cluster.primaryUrl()); Statement statement = primary.createStatement()) {
			statement.execute("create table replicated_note (id int primary key, body text not null)");
			statement.execute("insert into replicated_note values (1, 'written on the primary')");
		}
		cluster.awaitReplay();
		try (Connection standby = connect(cluster.standbyUrl())) {
			assertThat(queryString(standby, "select body from replicated_note where id = 1"))
				.isEqualTo("written on the primary");
			assertThat(queryInt(standby, "select count(*) from replicated_note")).isEqualTo(1);
		}
	}

	@Test
	void writingOnStandbyFailsAsReadOnly() throws SQLException {
		try (Connection primary = connect(cluster.primaryUrl()); Statement statement = primary.createStatement()) {
			statement.execute("create table standby_write (id int primary key)");
		}
		cluster.awaitReplay();
		try (Connection standby = connect(cluster.standbyUrl()); Statement statement = standby.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeUpdate("insert into standby_write values (1)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25006"));
		}
	}

	@Test
	void standbyCatchesUpAfterOutage() throws SQLException {
		try (Connection primary = connect(cluster.primaryUrl()); Statement statement = primary.createStatement()) {
			statement.execute("create table outage_note (id int primary key, body text not null)");
		}
		cluster.awaitReplay();
		cluster.stopStandby();
		try {
			assertThat(cluster.standbyRunning()).isFalse();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect(cluster.standbyUrl()).close())
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08001"));
			try (Connection primary = connect(cluster.primaryUrl());
					PreparedStatement insert = primary.prepareStatement("insert into outage_note values (?, ?)")) {
				insert.setInt(1, 7);
				insert.setString(2, "written while the standby was down");
				assertThat(insert.executeUpdate()).isEqualTo(1);
			}
		}
		finally {
			if (!cluster.standbyRunning()) {
				cluster.startStandby();
			}
		}
		assertThat(cluster.standbyRunning()).isTrue();
		cluster.awaitReplay();
		try (Connection standby = connect(cluster.standbyUrl())) {
			assertThat(queryString(standby, "select body from outage_note where id = 7"))
				.isEqualTo("written while the standby was down");
			assertThat(queryBoolean(standby, "select pg_is_in_recovery()")).isTrue();
		}
	}

	private static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, "postgres", "");
	}

	private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getBoolean(1);
		}
	}

	private static int queryInt(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getInt(1);
		}
	}

	private static String queryString(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

}
