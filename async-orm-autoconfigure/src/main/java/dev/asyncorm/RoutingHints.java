package dev.asyncorm;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a router is told about an operation besides its model, Django's {@code hints}: the
 * instance it acts on, if any ({@code save}, {@code delete}, {@code refresh}, a related manager's
 * owner).
 *
 * @param instance the instance, or {@code null}
 * @since 0.2.0
 */
public record RoutingHints(@Nullable Object instance) {

	private static final RoutingHints NONE = new RoutingHints(null);

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

}
