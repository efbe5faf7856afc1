package dev.asyncorm.query;

import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.PostgreSQLDialect;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The multi-row {@code INSERT} of each database bulkCreate supports, with its way of handling
 * conflicts and of returning the ids. Table and column names come from Hibernate's mapping;
 * every value is a {@code ?} parameter.
 */
enum InsertDialect {

	/**
	 * H2 has no {@code ON CONFLICT} outside its compatibility modes: conflicts are handled with a
	 * standard {@code MERGE … USING (VALUES …)}, whose generated keys include the updated rows.
	 */
	H2("H2") {

		@Override
		InsertStatement insert(InsertTable table, int rows, Conflict conflict, boolean returnIds) {
			IdReturn ids = returnIds ? IdReturn.GENERATED_KEYS : IdReturn.NONE;
			List<String> columns = table.columns();
			if (conflict.action() == Conflict.Action.FAIL || conflict.keys().isEmpty()) {
				return new InsertStatement(plainInsert("insert into ", table, rows), ids);
			}
			StringBuilder sql = new StringBuilder("merge into ").append(table.name())
				.append(" t using (values ")
				.append(rows(rows, columns.size()))
				.append(") s (")
				.append(String.join(", ", columns))
				.append(") on ")
				.append(conflict.keys().stream()
					.map((key) -> "(" + join(key, (column) -> "t." + column + " = s." + column, " and ") + ")")
					.collect(Collectors.joining(" or ")));
			if (conflict.action() == Conflict.Action.UPDATE) {
				sql.append(" when matched then update set ")
					.append(join(conflict.updateColumns(), (column) -> column + " = s." + column, ", "));
			}
			sql.append(" when not matched then insert (")
				.append(String.join(", ", columns))
				.append(") values (")
				.append(join(columns, (column) -> "s." + column, ", "))
				.append(')');
			return new InsertStatement(sql.toString(), ids);
		}

	},

	/** PostgreSQL: {@code ON CONFLICT} and {@code RETURNING}. */
	POSTGRESQL("PostgreSQL") {

		@Override
		InsertStatement insert(InsertTable table, int rows, Conflict conflict, boolean returnIds) {
			StringBuilder sql = new StringBuilder(plainInsert("insert into ", table, rows));
			if (conflict.action() == Conflict.Action.IGNORE) {
				sql.append(" on conflict do nothing");
			}
			else if (conflict.action() == Conflict.Action.UPDATE) {
				sql.append(" on conflict (")
					.append(String.join(", ", conflict.keys().get(0)))
					.append(") do update set ")
					.append(join(conflict.updateColumns(), (column) -> column + " = excluded." + column, ", "));
			}
			return returning(sql, table, returnIds);
		}

	},

	/**
	 * MariaDB: {@code ON DUPLICATE KEY UPDATE}, which reacts to any unique key, and
	 * {@code RETURNING}; the driver's generated keys give only the first id of a multi-row
	 * insert. Conflicts are skipped with an update that changes nothing, not with
	 * {@code INSERT IGNORE}, which would also turn a {@code NULL} in a {@code NOT NULL} column or
	 * a truncated value into a warning and write the row.
	 */
	MARIADB("MariaDB") {

		@Override
		InsertStatement insert(InsertTable table, int rows, Conflict conflict, boolean returnIds) {
			StringBuilder sql = new StringBuilder(plainInsert("insert into ", table, rows));
			if (conflict.action() == Conflict.Action.IGNORE) {
				sql.append(" on duplicate key update ").append(table.idColumn()).append(" = ").append(table.idColumn());
			}
			else if (conflict.action() == Conflict.Action.UPDATE) {
				sql.append(" on duplicate key update ")
					.append(join(conflict.updateColumns(), (column) -> column + " = values(" + column + ")", ", "));
			}
			return returning(sql, table, returnIds);
		}

		@Override
		boolean needsConflictTarget() {
			return false;
		}

	};

	private final String databaseName;

	InsertDialect(String databaseName) {
		this.databaseName = databaseName;
	}

	/**
	 * Returns the insert of a Hibernate dialect.
	 * @throws InvalidDataAccessApiUsageException for a database that bulkCreate does not support
	 */
	static InsertDialect of(Dialect dialect) {
		if (dialect instanceof H2Dialect) {
			return H2;
		}
		if (dialect instanceof PostgreSQLDialect) {
			return POSTGRESQL;
		}
		if (dialect instanceof MariaDBDialect) {
			return MARIADB;
		}
		throw new InvalidDataAccessApiUsageException("bulkCreate() supports H2, PostgreSQL and MariaDB; this "
				+ "persistence unit runs on " + dialect.getClass().getSimpleName() + ".");
	}

	String databaseName() {
		return this.databaseName;
	}

	/** Whether an upsert must name the unique fields of the constraint it handles. */
	boolean needsConflictTarget() {
		return true;
	}

	/**
	 * Builds the insert of {@code rows} rows.
	 * @param returnIds whether the ids of the rows, inserted or updated, come back
	 */
	abstract InsertStatement insert(InsertTable table, int rows, Conflict conflict, boolean returnIds);

	private static String plainInsert(String verb, InsertTable table, int rows) {
		return verb + table.name() + " (" + String.join(", ", table.columns()) + ") values "
				+ rows(rows, table.columns().size());
	}

	private static String rows(int rows, int width) {
		String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
		return String.join(", ", Collections.nCopies(rows, row));
	}

	private static String join(List<String> columns, Function<String, String> format, String separator) {
		return columns.stream().map(format).collect(Collectors.joining(separator));
	}

	private static InsertStatement returning(StringBuilder sql, InsertTable table, boolean returnIds) {
		if (!returnIds) {
			return new InsertStatement(sql.toString(), IdReturn.NONE);
		}
		return new InsertStatement(sql.append(" returning ").append(table.idColumn()).toString(), IdReturn.RETURNING);
	}

	/** How the ids of the rows come back. */
	enum IdReturn {

		/** They do not. */
		NONE,

		/** As the result set of a {@code RETURNING} clause, one row per inserted or updated row, in order. */
		RETURNING,

		/** As the statement's generated keys, one row per inserted or updated row, in order. */
		GENERATED_KEYS

	}

	/**
	 * A statement and how its ids come back.
	 * @param sql the SQL
	 * @param ids how the ids come back
	 */
	record InsertStatement(String sql, IdReturn ids) {
	}

	/**
	 * What the insert does with a row that violates a unique constraint.
	 * @param action fail, skip the row, or update the existing row
	 * @param keys the column lists of the unique constraints concerned (empty: any)
	 * @param updateColumns the columns written to the existing row
	 */
	record Conflict(Action action, List<List<String>> keys, List<String> updateColumns) {

		static final Conflict FAIL = new Conflict(Action.FAIL, List.of(), List.of());

		enum Action {

			FAIL, IGNORE, UPDATE

		}

	}

}
