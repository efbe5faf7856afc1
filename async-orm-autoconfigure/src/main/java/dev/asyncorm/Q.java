package dev.asyncorm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An immutable condition tree, Django's {@code Q} object: lookups combined with
 * {@link #and(Q)}, {@link #or(Q)} and {@link #not()}.
 * <pre class="code">
 * pizzas.filter(Q.of("name__startswith", "Ma").or(Q.of("price__gte", 10)).not());
 * </pre>
 *
 * @since 0.1.0
 */
public final class Q {

	private enum Kind { LOOKUP, AND, OR, NOT }

	private final Kind kind;

	private final @Nullable String lookup;

	private final @Nullable Object value;

	private final List<Q> children;

	private Q(Kind kind, @Nullable String lookup, @Nullable Object value, List<Q> children) {
		this.kind = kind;
		this.lookup = lookup;
		this.value = value;
		this.children = children;
	}

	/**
	 * Returns a condition of one lookup.
	 * @param lookup the lookup, {@code field[__transform][__lookup]}
	 * @param value the value; {@code null} with {@code exact} means {@code isnull}
	 * @return the condition
	 */
	public static Q of(String lookup, @Nullable Object value) {
		Objects.requireNonNull(lookup, "lookup must not be null");
		return new Q(Kind.LOOKUP, lookup, value, List.of());
	}

	/**
	 * Returns the conjunction of the lookups of a map, Django's {@code Q(**kwargs)}.
	 * @param lookups lookups and their values
	 * @return the condition
	 */
	public static Q of(Map<String, ?> lookups) {
		List<Q> parts = new ArrayList<>(lookups.size());
		lookups.forEach((lookup, value) -> parts.add(of(lookup, value)));
		return new Q(Kind.AND, null, null, Collections.unmodifiableList(parts));
	}

	/**
	 * Returns the condition that this and {@code other} both hold.
	 * @param other the other condition
	 * @return the conjunction
	 */
	public Q and(Q other) {
		return new Q(Kind.AND, null, null, List.of(this, other));
	}

	/**
	 * Returns the condition that this or {@code other} holds.
	 * @param other the other condition
	 * @return the disjunction
	 */
	public Q or(Q other) {
		return new Q(Kind.OR, null, null, List.of(this, other));
	}

	/**
	 * Returns the negation of this condition, Django's {@code ~Q(...)}.
	 * @return the negation
	 */
	public Q not() {
		return new Q(Kind.NOT, null, null, List.of(this));
	}

	/**
	 * Walks the tree with a visitor, leaves first.
	 * @param visitor the visitor
	 * @param <R> the visitor's result type
	 * @return what the visitor made of this node
	 */
	public <R> R accept(Visitor<R> visitor) {
		return switch (this.kind) {
			case LOOKUP -> visitor.lookup(Objects.requireNonNull(this.lookup), this.value);
			case AND -> visitor.and(this.children.stream().map(child -> child.accept(visitor)).toList());
			case OR -> visitor.or(this.children.stream().map(child -> child.accept(visitor)).toList());
			case NOT -> visitor.not(this.children.get(0).accept(visitor));
		};
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case LOOKUP -> "(" + this.lookup + "=" + this.value + ")";
			case AND, OR -> "(" + this.kind + " " + this.children + ")";
			case NOT -> "(NOT " + this.children.get(0) + ")";
		};
	}

	/**
	 * Receives the nodes of a {@link Q} tree.
	 *
	 * @param <R> the result type
	 */
	public interface Visitor<R> {

		/**
		 * Visits a lookup.
		 * @param lookup the lookup
		 * @param value its value
		 * @return the result
		 */
		R lookup(String lookup, @Nullable Object value);

		/**
		 * Visits a conjunction.
		 * @param parts the visited children
		 * @return the result
		 */
		R and(List<R> parts);

		/**
		 * Visits a disjunction.
		 * @param parts the visited children
		 * @return the result
		 */
		R or(List<R> parts);

		/**
		 * Visits a negation.
		 * @param part the visited child
		 * @return the result
		 */
		R not(R part);

	}

}
