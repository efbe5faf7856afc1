package dev.asyncorm.execution;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

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

	private static final ThreadLocal<@Nullable String> CURRENT = new ThreadLocal<>();

	private DatabaseAlias() {
	}

	/**
	 * The alias bound to this thread.
	 * @return the alias, or {@code null} outside an operation
	 */
	public static @Nullable String current() {
		return CURRENT.get();
	}

	/**
	 * Runs blocking work with its connections taken from one database: for what async-orm does
	 * not do itself, such as creating the schema of a second database with Hibernate's
	 * {@code SchemaManager}, or a {@code JdbcTemplate} call on a replica.
	 * @param alias the database's alias
	 * @param work the work
	 * @param <R> the result type
	 * @return the work's result
	 */
	public static <R> R on(String alias, Supplier<R> work) {
		@Nullable String outer = bind(alias);
		try {
			return work.get();
		}
		finally {
			restore(outer);
		}
	}

	/** Binds an alias, returning the one it replaces. */
	static @Nullable String bind(String alias) {
		@Nullable String outer = CURRENT.get();
		CURRENT.set(alias);
		return outer;
	}

	/** Puts back what {@link #bind} replaced. */
	static void restore(@Nullable String outer) {
		if (outer == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(outer);
		}
	}

}
