package dev.asyncorm;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a router is told about an operation besides its model, Django's {@code hints}: the
 * instance it acts on, if any ({@code save}, {@code delete}, {@code refresh}, a related manager's
 * owner), and the database that instance was read from or written to (Django's
 * {@code instance._state.db}).
 *
 * @param instance the instance, or {@code null}
 * @param database the instance's database, or {@code null} when there is no instance or it is not known
 * @since 0.2.0
 */
public record RoutingHints(@Nullable Object instance, @Nullable String database) {

	private static final RoutingHints NONE = new RoutingHints(null, null);

	/**
	 * No hints.
	 * @return the hints of an operation on no instance
	 */
	public static RoutingHints none() {
		return NONE;
	}

	/**
	 * The instance the operation acts on.
	 * @return the instance, or empty
	 */
	public Optional<Object> instanceHint() {
		return Optional.ofNullable(this.instance);
	}

	/**
	 * The database of the instance the operation acts on.
	 * @return its alias, or empty
	 */
	public Optional<String> databaseHint() {
		return Optional.ofNullable(this.database);
	}

}
