package dev.asyncorm.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.asyncorm.execution.DatabaseOutages;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * How far a PostgreSQL streaming standby is behind its primary, in seconds: the age of the last
 * transaction it replayed ({@code now() - pg_last_xact_replay_timestamp()}), or 0 when it has
 * replayed all it received (an idle primary sends nothing, and the age alone would grow; a
 * receiver that has just started reports the start of its first segment, behind the replay). Read
 * with one statement on a connection of the replica's pool; {@code NaN} when the replica is in
 * its outage back-off, does not answer, is not a standby, or does not stream from its primary
 * (then it may be behind by any amount).
 */
final class ReplicaLag {

	private static final Log logger = LogFactory.getLog(ReplicaLag.class);

	private static final String SQL = "select case when not pg_is_in_recovery() then null "
			+ "when not exists (select 1 from pg_stat_wal_receiver where status = 'streaming') then null "
			+ "when pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() then 0 "
			+ "else extract(epoch from now() - pg_last_xact_replay_timestamp()) end";

	private final String alias;

	private final DataSource replica;

	private final DatabaseOutages outages;

	/** What the last read that failed failed with, logged once. */
	private volatile @Nullable String lastFailure;

	ReplicaLag(String alias, DataSource replica, DatabaseOutages outages) {
		this.alias = alias;
		this.replica = replica;
		this.outages = outages;
	}

	double seconds() {
		if (!this.outages.available(this.alias)) {
			return Double.NaN;
		}
		try (Connection connection = this.replica.getConnection();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(SQL)) {
			if (!row.next()) {
				return Double.NaN;
			}
			double lag = row.getDouble(1);
			this.lastFailure = null;
			return row.wasNull() ? Double.NaN : lag;
		}
		catch (SQLException | RuntimeException ex) {
			String failure = ex.toString();
			if (!failure.equals(this.lastFailure)) {
				logger.warn("Could not read the lag of replica '" + this.alias + "': " + failure);
			}
			this.lastFailure = failure;
			return Double.NaN;
		}
	}

}
