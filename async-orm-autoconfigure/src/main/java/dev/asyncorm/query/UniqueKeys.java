package dev.asyncorm.query;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The unique constraints (primary key included) of a table, read from the JDBC metadata, as lists
 * of the inserted columns they cover: what H2's {@code MERGE} matches to skip conflicting rows.
 */
final class UniqueKeys {

	private UniqueKeys() {
	}

	/**
	 * Reads the unique keys of a table made only of inserted columns; a key on another column
	 * (an identity id) cannot conflict with a new row.
	 * @param table the table, as Hibernate names it, optionally qualified by its schema
	 * @param insertedColumns the inserted columns, as Hibernate names them
	 */
	static List<List<String>> of(Connection connection, String table, List<String> insertedColumns)
			throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		int dot = table.lastIndexOf('.');
		String schema = (dot >= 0) ? stored(metaData, table.substring(0, dot)) : connection.getSchema();
		Map<String, List<String>> indexes = new LinkedHashMap<>();
		try (ResultSet rows = metaData.getIndexInfo(connection.getCatalog(), schema,
				stored(metaData, table.substring(dot + 1)), true, false)) {
			while (rows.next()) {
				String column = rows.getString("COLUMN_NAME");
				if (column != null && !rows.getBoolean("NON_UNIQUE")) {
					indexes.computeIfAbsent(rows.getString("INDEX_NAME"), (name) -> new ArrayList<>()).add(column);
				}
			}
		}
		List<List<String>> keys = new ArrayList<>();
		for (List<String> index : indexes.values()) {
			List<String> key = new ArrayList<>();
			for (String column : index) {
				String inserted = inserted(metaData, column, insertedColumns);
				if (inserted == null) {
					break;
				}
				key.add(inserted);
			}
			if (key.size() == index.size()) {
				keys.add(List.copyOf(key));
			}
		}
		return keys;
	}

	private static @Nullable String inserted(DatabaseMetaData metaData, String column, List<String> insertedColumns)
			throws SQLException {
		for (String candidate : insertedColumns) {
			if (stored(metaData, candidate).equals(column)) {
				return candidate;
			}
		}
		return null;
	}

	/** An identifier as the database stores it: unquoted, or in its case when it was not quoted. */
	static String stored(DatabaseMetaData metaData, String identifier) throws SQLException {
		if (identifier.length() > 1 && (identifier.startsWith("\"") || identifier.startsWith("`"))) {
			return identifier.substring(1, identifier.length() - 1);
		}
		if (metaData.storesUpperCaseIdentifiers()) {
			return identifier.toUpperCase(Locale.ROOT);
		}
		return metaData.storesLowerCaseIdentifiers() ? identifier.toLowerCase(Locale.ROOT) : identifier;
	}

}
