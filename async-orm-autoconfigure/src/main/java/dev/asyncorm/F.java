package dev.asyncorm;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A reference to a field's value in the database, Django's {@code F()} expression, with
 * arithmetic: {@code F.of("stock").plus(1)} in {@code update(...)} or as a filter value.
 *
 * @since 0.1.0
 */
public final class F {

	/** An arithmetic operator between two operands. */
	public enum Operator {
		/** Addition. */
		PLUS,
		/** Subtraction. */
		MINUS,
		/** Multiplication. */
		TIMES,
		/** Division. */
		DIV
	}

	private final @Nullable String field;

	private final @Nullable Operator operator;

	private final @Nullable Object left;

	private final @Nullable Object right;

	private F(@Nullable String field, @Nullable Operator operator, @Nullable Object left, @Nullable Object right) {
		this.field = field;
		this.operator = operator;
		this.left = left;
		this.right = right;
	}

	/**
	 * Returns a reference to a field.
	 * @param field the field name
	 * @return the expression
	 */
	public static F of(String field) {
		Objects.requireNonNull(field, "field must not be null");
		return new F(field, null, null, null);
	}

	/**
	 * Returns this expression plus an operand.
	 * @param operand a number or another {@code F}
	 * @return the expression
	 */
	public F plus(Object operand) {
		return combine(Operator.PLUS, operand);
	}

	/**
	 * Returns this expression minus an operand.
	 * @param operand a number or another {@code F}
	 * @return the expression
	 */
	public F minus(Object operand) {
		return combine(Operator.MINUS, operand);
	}

	/**
	 * Returns this expression times an operand.
	 * @param operand a number or another {@code F}
	 * @return the expression
	 */
	public F times(Object operand) {
		return combine(Operator.TIMES, operand);
	}

	/**
	 * Returns this expression divided by an operand.
	 * @param operand a number or another {@code F}
	 * @return the expression
	 */
	public F div(Object operand) {
		return combine(Operator.DIV, operand);
	}

	private F combine(Operator operator, Object operand) {
		Objects.requireNonNull(operand, "operand must not be null");
		return new F(null, operator, this, operand);
	}

	/**
	 * Walks the expression with a visitor.
	 * @param visitor the visitor
	 * @param <R> the visitor's result type
	 * @return what the visitor made of this expression
	 */
	public <R> R accept(Visitor<R> visitor) {
		if (this.field != null) {
			return visitor.field(this.field);
		}
		return visitor.combine(Objects.requireNonNull(this.operator), operand(this.left, visitor),
				operand(this.right, visitor));
	}

	private static <R> R operand(@Nullable Object operand, Visitor<R> visitor) {
		return (operand instanceof F f) ? f.accept(visitor) : visitor.value(Objects.requireNonNull(operand));
	}

	@Override
	public String toString() {
		return (this.field != null) ? "F(" + this.field + ")" : "(" + this.left + " " + this.operator + " " + this.right + ")";
	}

	/**
	 * Receives the nodes of an {@link F} expression.
	 *
	 * @param <R> the result type
	 */
	public interface Visitor<R> {

		/**
		 * Visits a field reference.
		 * @param field the field name
		 * @return the result
		 */
		R field(String field);

		/**
		 * Visits a constant operand.
		 * @param value the value
		 * @return the result
		 */
		R value(Object value);

		/**
		 * Visits an arithmetic node.
		 * @param operator the operator
		 * @param left the visited left operand
		 * @param right the visited right operand
		 * @return the result
		 */
		R combine(Operator operator, R left, R right);

	}

}
