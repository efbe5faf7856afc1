package dev.asyncorm.query;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;

/**
 * Hibernate's statement inspector through which {@code selectForUpdate()} writes its lock
 * clause: Django's {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code OF …}, {@code NOWAIT}
 * and {@code SKIP LOCKED}, in the one statement that reads the rows, which Hibernate's own
 * locking does not always give (on PostgreSQL it writes {@code FOR NO KEY UPDATE}, and leaves
 * the lock out of a statement with outer joins on PostgreSQL and H2). Only the first query a
 * locking read issues on its thread is changed, not the writes of an automatic flush before it;
 * every statement first goes through the inspector the application configured, if any.
 * <p>
 * The auto-configuration installs it as {@code hibernate.session_factory.statement_inspector};
 * an application that builds its {@code EntityManagerFactory} itself sets that property to
 * {@link #wrapping wrapping(its own inspector)}, or {@code selectForUpdate()} fails saying so.
 *
 * @since 0.1.0
 */
public final class RowLockStatementInspector implements StatementInspector {

	private static final long serialVersionUID = 1L;

	/** The lock clause the next statement of this thread gets, while a locking read runs. */
	private static final ThreadLocal<@Nullable UnaryOperator<String>> PENDING = new ThreadLocal<>();

	private final StatementInspector configured;

	private RowLockStatementInspector(StatementInspector configured) {
		this.configured = configured;
	}

	/**
	 * Returns the inspector that writes lock clauses after running the one configured.
	 * @param configured the value of {@code hibernate.session_factory.statement_inspector}: a
	 * {@link StatementInspector}, its class or class name, or {@code null}
	 * @return the inspector to configure instead
	 * @throws IllegalArgumentException if {@code configured} is none of these
	 */
	public static RowLockStatementInspector wrapping(@Nullable Object configured) {
		if (configured instanceof RowLockStatementInspector inspector) {
			return inspector;
		}
		return new RowLockStatementInspector(resolve(configured));
	}

	private static StatementInspector resolve(@Nullable Object configured) {
		if (configured == null || configured instanceof String name && name.isBlank()) {
			return StatementInspector.NONE;
		}
		if (configured instanceof StatementInspector inspector) {
			return inspector;
		}
		Class<?> type = (configured instanceof Class<?> given) ? given
				: (configured instanceof String name) ? ClassUtils.resolveClassName(name.trim(), null) : null;
		if (type == null || !StatementInspector.class.isAssignableFrom(type)) {
			throw new IllegalArgumentException("hibernate.session_factory.statement_inspector must name a "
					+ "StatementInspector, got " + configured + ".");
		}
		return (StatementInspector) BeanUtils.instantiateClass(type);
	}

	/**
	 * Runs a read whose first statement gets a lock clause.
	 * @param <R> the read's result
	 * @param clause adds the lock clause to the statement Hibernate wrote
	 * @param read the read
	 * @return what the read returned
	 */
	static <R> R locking(UnaryOperator<String> clause, Supplier<R> read) {
		PENDING.set(clause);
		try {
			return read.get();
		}
		finally {
			PENDING.remove();
		}
	}

	private static boolean isQuery(String sql) {
		String statement = sql.stripLeading();
		if (statement.startsWith("/*")) {
			int comment = statement.indexOf("*/");
			statement = (comment < 0) ? statement : statement.substring(comment + 2).stripLeading();
		}
		return statement.regionMatches(true, 0, "select", 0, 6) || statement.regionMatches(true, 0, "with", 0, 4);
	}

	@Override
	public String inspect(String sql) {
		String inspected = this.configured.inspect(sql);
		UnaryOperator<String> clause = PENDING.get();
		// An automatic flush may write changes before the read: those statements stay as they are.
		if (clause == null || inspected == null || !isQuery(inspected)) {
			return inspected;
		}
		PENDING.remove();
		return clause.apply(inspected);
	}

}
