package dev.asyncorm.execution;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.orm.jpa.JpaSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures of a replica's read are outages, and how long the replica is left out.
 */
class DatabaseOutagesTests {

	@Test
	void aLostOrRefusedConnectionIsAnOutageAndAnExhaustedPoolIsNot() {
		assertThat(DatabaseOutages.isOutage(new SQLException("refused", "08001"))).isTrue();
		assertThat(DatabaseOutages.isOutage(new JpaSystemException(new RuntimeException(
				new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))).isTrue();
		assertThat(DatabaseOutages.isOutage(new SQLTransientConnectionException("timed out", "08001",
				new ConnectException("Connection refused")))).isTrue();
		assertThat(DatabaseOutages.isOutage(new SQLTransientConnectionException(
				"asyncOrm-replica - Connection is not available, request timed out after 500ms"))).isFalse();
		assertThat(DatabaseOutages.isOutage(new SQLException("syntax error", "42601"))).isFalse();
	}

	@Test
	void aReplicaIsLeftOutForTheBackoffAndCounted() throws InterruptedException {
		DatabaseOutages outages = new DatabaseOutages(Set.of("replica"), Duration.ofMillis(200));
		assertThat(outages.failOver("default", new SQLException("refused", "08001"))).isFalse();
		assertThat(outages.failOver("replica", new SQLException("syntax error", "42601"))).isFalse();
		assertThat(outages.available("replica")).isTrue();

		assertThat(outages.failOver("replica", new SQLException("refused", "08001"))).isTrue();

		assertThat(outages.available("replica")).isFalse();
		assertThat(outages.count("replica")).isEqualTo(1);
		Thread.sleep(250);
		assertThat(outages.available("replica")).isTrue();
	}

}
