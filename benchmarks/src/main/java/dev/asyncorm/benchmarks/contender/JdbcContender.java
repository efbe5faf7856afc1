package dev.asyncorm.benchmarks.contender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import dev.asyncorm.benchmarks.model.Item;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The reference: hand-written JDBC on the application's pool, sending only the statements each
 * operation needs (reads in autocommit, writes in one transaction, generated ids read back).
 */
@Component
@Order(1)
class JdbcContender implements Contender {

	private static final String COLUMNS = "SELECT id, name, quantity FROM bench_item";

	private static final String INSERT_ITEM = "INSERT INTO bench_item (name, quantity) VALUES (?, ?)";

	private static final String[] GENERATED_ID = { "id" };

	private static final int BATCH_SIZE = 1_000;

	/** The rows the driver reads per round trip while streaming; PostgreSQL needs a transaction for it. */
	private static final int FETCH_SIZE = 2_000;

	private final DataSource dataSource;

	JdbcContender(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public String name() {
		return "jdbc";
	}

	@Override
	public boolean blocking() {
		return true;
	}

	@Override
	public CompletableFuture<@Nullable Item> getById(long id) {
		return call((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(COLUMNS + " WHERE id = ?")) {
				statement.setLong(1, id);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? item(rows) : null;
				}
			}
		});
	}

	@Override
	public CompletableFuture<List<Item>> filterByPrefix(String prefix) {
		return call((connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement(COLUMNS + " WHERE name LIKE ? ORDER BY name LIMIT 20")) {
				statement.setString(1, prefix + "%");
				try (ResultSet rows = statement.executeQuery()) {
					List<Item> items = new ArrayList<>(20);
					while (rows.next()) {
						items.add(item(rows));
					}
					return items;
				}
			}
		});
	}

	@Override
	public CompletableFuture<Item> insert(String name) {
		return call((connection) -> {
			int quantity = ThreadLocalRandom.current().nextInt(1_000);
			try (PreparedStatement statement = connection.prepareStatement(INSERT_ITEM, GENERATED_ID)) {
				statement.setString(1, name);
				statement.setInt(2, quantity);
				statement.executeUpdate();
				try (ResultSet keys = statement.getGeneratedKeys()) {
					keys.next();
					return new Item(keys.getLong(1), name, quantity);
				}
			}
		});
	}

	@Override
	public CompletableFuture<Integer> replaceTags(long postId, long[] tagIds) {
		return call((connection) -> inTransaction(connection, () -> {
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM bench_post_tag WHERE post_id = ?");
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO bench_post_tag (post_id, tag_id) VALUES (?, ?)")) {
				delete.setLong(1, postId);
				delete.executeUpdate();
				for (long tagId : tagIds) {
					insert.setLong(1, postId);
					insert.setLong(2, tagId);
					insert.addBatch();
				}
				return insert.executeBatch().length;
			}
		}));
	}

	@Override
	public CompletableFuture<long[]> bulkInsert(int count) {
		return call((connection) -> inTransaction(connection, () -> {
			long[] ids = new long[count];
			try (PreparedStatement statement = connection.prepareStatement(INSERT_ITEM, GENERATED_ID)) {
				for (int start = 0; start < count; start += BATCH_SIZE) {
					int end = Math.min(count, start + BATCH_SIZE);
					for (int i = start; i < end; i++) {
						statement.setString(1, "bulk-" + i);
						statement.setInt(2, i);
						statement.addBatch();
					}
					statement.executeBatch();
					try (ResultSet keys = statement.getGeneratedKeys()) {
						for (int i = start; keys.next(); i++) {
							ids[i] = keys.getLong(1);
						}
					}
				}
			}
			return ids;
		}));
	}

	@Override
	public CompletableFuture<RowSink> stream(RowSink sink) {
		return call((connection) -> inTransaction(connection, () -> {
			try (PreparedStatement statement = connection.prepareStatement(COLUMNS + " ORDER BY id")) {
				statement.setFetchSize(FETCH_SIZE);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						sink.accept(item(rows));
					}
				}
			}
			return sink;
		}));
	}

	private <T> CompletableFuture<T> call(ConnectionWork<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			return CompletableFuture.completedFuture(work.run(connection));
		}
		catch (SQLException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private static <T> T inTransaction(Connection connection, StatementWork<T> work) throws SQLException {
		connection.setAutoCommit(false);
		try {
			T result = work.run();
			connection.commit();
			return result;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private static Item item(ResultSet row) throws SQLException {
		return new Item(row.getLong(1), row.getString(2), row.getInt(3));
	}

	/** Work on a borrowed connection. */
	@FunctionalInterface
	private interface ConnectionWork<T> {

		T run(Connection connection) throws SQLException;

	}

	/** Statements inside a transaction. */
	@FunctionalInterface
	private interface StatementWork<T> {

		T run() throws SQLException;

	}

}
