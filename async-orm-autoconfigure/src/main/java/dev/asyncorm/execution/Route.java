package dev.asyncorm.execution;

import org.jspecify.annotations.Nullable;

/**
 * What decides where an operation runs: its model, whether it writes, the database it names with
 * {@code using}, and the instance it acts on.
 *
 * @param model the entity type, or {@code null} for work of no model ({@code AsyncOrm.execute})
 * @param write whether it writes (or locks rows)
 * @param alias the database named with {@code using}, or {@code null} to ask the routers
 * @param instance the instance it acts on, or {@code null}
 * @since 0.2.0
 */
public record Route(@Nullable Class<?> model, boolean write, @Nullable String alias, @Nullable Object instance) {

	/** Work of no model on {@code default} unless an enclosing transaction says otherwise. */
	public static final Route DEFAULT = new Route(null, true, null, null);

	/**
	 * A read of a model.
	 * @param model the entity type
	 * @param alias the database it names, or {@code null}
	 * @return the route
	 */
	public static Route read(Class<?> model, @Nullable String alias) {
		return new Route(model, false, alias, null);
	}

	/**
	 * A write of a model.
	 * @param model the entity type
	 * @param alias the database it names, or {@code null}
	 * @return the route
	 */
	public static Route write(Class<?> model, @Nullable String alias) {
		return new Route(model, true, alias, null);
	}

	/**
	 * Whether it is a read that names no database: the routers choose where it goes, and a
	 * replica that refuses connections may leave it to {@code default}.
	 * @return whether it is
	 */
	public boolean routedRead() {
		return !this.write && this.alias == null;
	}

	/**
	 * The same route about an instance.
	 * @param instance the instance the operation acts on
	 * @return the route
	 */
	public Route about(Object instance) {
		return new Route(this.model, this.write, this.alias, instance);
	}

}
