package dev.asyncorm.query;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * A JDBC connection that prepares {@code EXPLAIN} of each statement instead of the statement,
 * with the same placeholders so that the parameters bind unchanged, and keeps the plan's rows
 * where the statement's would be read: its queries return no rows. The connection and its
 * transaction stay with their owner: closing, committing, rolling back and switching auto-commit
 * do nothing.
 */
final class ExplainingConnection {

	private final Connection target;

	private final List<String> plan = new ArrayList<>();

	ExplainingConnection(Connection target) {
		this.target = target;
	}

	/** The connection to hand to Hibernate. */
	Connection connection() {
		return proxy(Connection.class, this.target, (method, args) -> switch (method.getName()) {
			case "prepareStatement" -> explaining((PreparedStatement) invoke(this.target, method, explained(args)));
			case "close", "setAutoCommit", "commit", "rollback" -> null;
			default -> invoke(this.target, method, args);
		});
	}

	/**
	 * The plan as Django gives it: each row's values joined with a space, rows with a new line.
	 * @throws IllegalStateException if no statement was explained
	 */
	String plan() {
		if (this.plan.isEmpty()) {
			throw new IllegalStateException("No statement was sent, so there is no plan to explain.");
		}
		return String.join("\n", this.plan);
	}

	private static Object[] explained(Object[] args) {
		Object[] explained = args.clone();
		explained[0] = "EXPLAIN " + explained[0];
		return explained;
	}

	private PreparedStatement explaining(PreparedStatement statement) {
		return proxy(PreparedStatement.class, statement, (method, args) -> {
			if (method.getName().equals("executeQuery") && method.getParameterCount() == 0) {
				return read(statement.executeQuery());
			}
			return invoke(statement, method, args);
		});
	}

	/** Reads the plan's rows, and returns their result set at its end, as a query with no row. */
	private ResultSet read(ResultSet rows) throws SQLException {
		int columns = rows.getMetaData().getColumnCount();
		while (rows.next()) {
			StringJoiner row = new StringJoiner(" ");
			for (int column = 1; column <= columns; column++) {
				row.add(String.valueOf(rows.getString(column)));
			}
			this.plan.add(row.toString());
		}
		return rows;
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** A proxy of a JDBC interface that makes its calls with {@code calls}, answering {@code Object}'s methods itself. */
	private static <T> T proxy(Class<T> type, T target, Call calls) {
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "toString" -> "EXPLAIN of " + target;
					default -> calls.call(method, (args != null) ? args : new Object[0]);
				}));
	}

	/** A call on a proxy of a JDBC interface. */
	@FunctionalInterface
	private interface Call {

		@Nullable Object call(Method method, Object[] args) throws Throwable;

	}

}
