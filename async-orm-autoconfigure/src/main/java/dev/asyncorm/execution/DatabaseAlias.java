package dev.asyncorm.execution;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The database the current thread's statements go to: the dispatcher binds an operation's alias
 * while its body runs, and the routing data source of an application with several databases
 * hands out a connection of that alias's pool. Outside an operation nothing is bound, and
 * connections come from {@code default}.
 *
 * @since 0.2.0
 */
public final class DatabaseAlias {

	/** The alias of the application's own {@code DataSource}. */
	public static final String DEFAULT = "default";

	private static final ThreadLocal<@Nullable Binding> CURRENT = new ThreadLocal<>();

	/** The bindings of {@code default}, which nearly every operation has: made once. */
	private static final Binding DEFAULT_READ = new Binding(DEFAULT, true);

	private static final Binding DEFAULT_WRITE = new Binding(DEFAULT, false);

	private DatabaseAlias() {
	}

	/**
	 * The alias bound to this thread.
	 * @return the alias, or {@code null} outside an operation
	 */
	public static @Nullable String current() {
		Binding binding = CURRENT.get();
		return (binding != null) ? binding.alias() : null;
	}

	/**
	 * Whether the current operation is a read that the routers sent to its database, which may
	 * then be served by {@code default} when that database refuses connections.
	 * @return whether it may
	 */
	public static boolean mayFallBack() {
		Binding binding = CURRENT.get();
		return binding != null && binding.mayFallBack();
	}

	/**
	 * Runs blocking work with its connections taken from one database: for what async-orm does
	 * not do itself, such as creating the schema of a second database with Hibernate's
	 * {@code SchemaManager}, or a {@code JdbcTemplate} call on a replica.
	 * @param alias the database's alias
	 * @param work the work
	 * @param <R> the result type
	 * @return the work's result
	 * @throws IllegalStateException inside a transaction on another database
	 */
	public static <R> R on(String alias, Supplier<R> work) {
		String current = current();
		if (current != null && !current.equals(alias) && TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Cannot use the database '" + alias + "' inside a transaction on '" + current
					+ "': a transaction runs on one database");
		}
		@Nullable Binding outer = bind(binding(alias, false));
		try {
			return work.get();
		}
		finally {
			restore(outer);
		}
	}

	/** The binding of an alias, made once for {@code default}. */
	static Binding binding(String alias, boolean mayFallBack) {
		return DEFAULT.equals(alias) ? (mayFallBack ? DEFAULT_READ : DEFAULT_WRITE) : new Binding(alias, mayFallBack);
	}

	/** Binds an alias, returning the binding it replaces. */
	static @Nullable Binding bind(Binding binding) {
		@Nullable Binding outer = CURRENT.get();
		CURRENT.set(binding);
		return outer;
	}

	/** Puts back what {@link #bind} replaced. */
	static void restore(@Nullable Binding outer) {
		if (outer == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(outer);
		}
	}

	/** An alias bound to a thread, and whether a routed read on it may fall back to {@code default}. */
	record Binding(String alias, boolean mayFallBack) {
	}

}
