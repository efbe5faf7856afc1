package dev.asyncorm;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An aggregate over a field, Django's {@code Count}, {@code Sum}, {@code Avg}, {@code Min} and
 * {@code Max}, for {@link AsyncQueryOperations#aggregate(Aggregate...)} and
 * {@link AsyncQueryOperations#annotate(String, Aggregate)}. Immutable: each method returns a copy.
 * <pre class="code">
 * pizzas.aggregate(Aggregate.avg("price__amount"), Aggregate.count("toppings").distinct().as("kinds"));
 * </pre>
 * Over no rows an aggregate is {@code null}, except {@code count}, which is 0; {@link #orElse}
 * gives another value (Django's {@code default=}).
 *
 * @since 0.1.0
 */
public final class Aggregate {

	/** The aggregate functions. */
	public enum Function {

		/** The number of non-null values ({@code COUNT}). */
		COUNT,

		/** The sum of the values ({@code SUM}). */
		SUM,

		/** The mean of the values ({@code AVG}), a {@code Double}. */
		AVG,

		/** The smallest value ({@code MIN}). */
		MIN,

		/** The largest value ({@code MAX}). */
		MAX

	}

	private final Function function;

	private final String field;

	private final boolean distinct;

	private final @Nullable Q filter;

	private final @Nullable Object orElse;

	private final @Nullable String alias;

	private Aggregate(Function function, String field, boolean distinct, @Nullable Q filter, @Nullable Object orElse,
			@Nullable String alias) {
		this.function = function;
		this.field = Objects.requireNonNull(field, "field must not be null");
		this.distinct = distinct;
		this.filter = filter;
		this.orElse = orElse;
		this.alias = alias;
	}

	/**
	 * Counts the non-null values of a field; {@code count("pk")} counts rows.
	 * @param field the field, possibly across relations
	 * @return the aggregate
	 */
	public static Aggregate count(String field) {
		return new Aggregate(Function.COUNT, field, false, null, null, null);
	}

	/**
	 * Sums a field.
	 * @param field the field, possibly across relations
	 * @return the aggregate
	 */
	public static Aggregate sum(String field) {
		return new Aggregate(Function.SUM, field, false, null, null, null);
	}

	/**
	 * Averages a field.
	 * @param field the field, possibly across relations
	 * @return the aggregate
	 */
	public static Aggregate avg(String field) {
		return new Aggregate(Function.AVG, field, false, null, null, null);
	}

	/**
	 * Takes the smallest value of a field.
	 * @param field the field, possibly across relations
	 * @return the aggregate
	 */
	public static Aggregate min(String field) {
		return new Aggregate(Function.MIN, field, false, null, null, null);
	}

	/**
	 * Takes the largest value of a field.
	 * @param field the field, possibly across relations
	 * @return the aggregate
	 */
	public static Aggregate max(String field) {
		return new Aggregate(Function.MAX, field, false, null, null, null);
	}

	/**
	 * Counts distinct values only ({@code COUNT(DISTINCT …)}); supported with {@code count}.
	 * @return a copy that counts distinct values
	 */
	public Aggregate distinct() {
		return new Aggregate(this.function, this.field, true, this.filter, this.orElse, this.alias);
	}

	/**
	 * Aggregates only the rows matching a condition (Django's {@code filter=Q(...)}).
	 * @param condition the condition, over the same model as the queryset
	 * @return a conditional copy
	 */
	public Aggregate filter(Q condition) {
		return new Aggregate(this.function, this.field, this.distinct, Objects.requireNonNull(condition), this.orElse,
				this.alias);
	}

	/**
	 * Gives a value for when there is nothing to aggregate (Django's {@code default=}).
	 * @param value the value
	 * @return a copy with the default
	 */
	public Aggregate orElse(Object value) {
		return new Aggregate(this.function, this.field, this.distinct, this.filter, Objects.requireNonNull(value),
				this.alias);
	}

	/**
	 * Names the result.
	 * @param alias the key of the result
	 * @return a named copy
	 */
	public Aggregate as(String alias) {
		return new Aggregate(this.function, this.field, this.distinct, this.filter, this.orElse,
				Objects.requireNonNull(alias));
	}

	/**
	 * Returns the function.
	 * @return the function
	 */
	public Function function() {
		return this.function;
	}

	/**
	 * Returns the field aggregated.
	 * @return the field, as written
	 */
	public String field() {
		return this.field;
	}

	/**
	 * Tells whether only distinct values are aggregated.
	 * @return whether the aggregate is distinct
	 */
	public boolean isDistinct() {
		return this.distinct;
	}

	/**
	 * Returns the condition of a conditional aggregate.
	 * @return the condition, or {@code null}
	 */
	public @Nullable Q condition() {
		return this.filter;
	}

	/**
	 * Returns the value for when there is nothing to aggregate.
	 * @return the default, or {@code null}
	 */
	public @Nullable Object defaultValue() {
		return this.orElse;
	}

	/**
	 * Returns the name of the result: the alias given, else Django's {@code <field>__<function>},
	 * for example {@code price__amount__avg}.
	 * @return the alias
	 */
	public String alias() {
		return (this.alias != null) ? this.alias : this.field + "__" + this.function.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return this.function + "(" + this.field + (this.distinct ? ", distinct" : "") + ") as " + alias();
	}

}
