package dev.asyncorm.query;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Moves an identity column past the ids that rows were inserted with, so that the ids it
 * generates next do not collide with them; Django leaves this to {@code sqlsequencereset}.
 * PostgreSQL's identity sequence and H2's identity column stay where they are on an explicit
 * insert; MariaDB's {@code AUTO_INCREMENT} moves by itself. The identity is never moved back, as
 * other transactions may hold the ids it gave out; like a sequence, the move outlives a rollback.
 * The check and the move are one statement on PostgreSQL, yet not atomic with other sessions'
 * {@code nextval}: ids drawn past the given one in that instant could be drawn again.
 */
final class IdentityAdvance {

	/** Sets the sequence to the highest given id when it is behind it, in one statement. */
	private static final String POSTGRESQL = "select setval(q.s, ?) from (select cast(pg_get_serial_sequence(?, ?) "
			+ "as regclass) as s) q where coalesce(pg_sequence_last_value(q.s), 0) < ?";

	private static final String H2_NEXT = "select identity_base from information_schema.columns "
			+ "where table_schema = ? and table_name = ? and column_name = ?";

	private IdentityAdvance() {
	}

	/**
	 * Moves the identity of the table past the given ids, in the current transaction.
	 * @param ids the ids the rows were inserted with, numbers
	 */
	static void past(InsertDialect dialect, InsertTable table, Collection<?> ids, SharedSessionContractImplementor session) {
		long highest = ids.stream().mapToLong((id) -> ((Number) id).longValue()).max().orElseThrow();
		try {
			switch (dialect) {
				case POSTGRESQL -> advancePostgreSql(session, table, highest);
				case H2 -> advanceH2(session, table, highest);
				case MARIADB -> {
					// AUTO_INCREMENT already moved past the highest id inserted.
				}
			}
		}
		catch (SQLException ex) {
			throw session.getJdbcServices().getSqlExceptionHelper().convert(ex,
					"Could not move the identity of " + table.name() + " past id " + highest);
		}
	}

	/** PostgreSQL sets the column's sequence in one statement that checks it is behind. */
	private static void advancePostgreSql(SharedSessionContractImplementor session, InsertTable table, long highest)
			throws SQLException {
		JdbcCoordinator jdbc = session.getJdbcCoordinator();
		session.getJdbcServices().getSqlStatementLogger().logStatement(POSTGRESQL);
		PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(POSTGRESQL);
		try {
			statement.setLong(1, highest);
			statement.setString(2, table.name());
			statement.setString(3, unquoted(table.idColumn()));
			statement.setLong(4, highest);
			jdbc.getResultSetReturn().extract(statement, POSTGRESQL).close();
		}
		finally {
			jdbc.getLogicalConnection().getResourceRegistry().release(statement);
			jdbc.afterStatementExecution();
		}
	}

	/** H2 restarts an identity column only with DDL, sent only when the column is behind. */
	private static void advanceH2(SharedSessionContractImplementor session, InsertTable table, long highest)
			throws SQLException {
		JdbcCoordinator jdbc = session.getJdbcCoordinator();
		Connection connection = jdbc.getLogicalConnection().getPhysicalConnection();
		DatabaseMetaData metaData = connection.getMetaData();
		String name = table.name();
		int dot = name.lastIndexOf('.');
		long next;
		PreparedStatement read = jdbc.getStatementPreparer().prepareStatement(H2_NEXT);
		try {
			read.setString(1, (dot >= 0) ? UniqueKeys.stored(metaData, name.substring(0, dot)) : connection.getSchema());
			read.setString(2, UniqueKeys.stored(metaData, name.substring(dot + 1)));
			read.setString(3, UniqueKeys.stored(metaData, table.idColumn()));
			try (ResultSet row = jdbc.getResultSetReturn().extract(read, H2_NEXT)) {
				next = row.next() ? row.getLong(1) : Long.MAX_VALUE;
			}
		}
		finally {
			jdbc.getLogicalConnection().getResourceRegistry().release(read);
			jdbc.afterStatementExecution();
		}
		if (highest < next) {
			return;
		}
		String restart = "alter table " + name + " alter column " + table.idColumn() + " restart with ?";
		session.getJdbcServices().getSqlStatementLogger().logStatement(restart);
		PreparedStatement alter = jdbc.getStatementPreparer().prepareStatement(restart);
		try {
			alter.setLong(1, highest + 1);
			jdbc.getResultSetReturn().executeUpdate(alter, restart);
		}
		finally {
			jdbc.getLogicalConnection().getResourceRegistry().release(alter);
			jdbc.afterStatementExecution();
		}
	}

	private static String unquoted(String identifier) {
		return isQuoted(identifier) ? identifier.substring(1, identifier.length() - 1) : identifier;
	}

	private static boolean isQuoted(String identifier) {
		return identifier.length() > 1 && (identifier.startsWith("\"") || identifier.startsWith("`"));
	}

}
