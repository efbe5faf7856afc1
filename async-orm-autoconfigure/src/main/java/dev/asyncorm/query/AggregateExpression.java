package dev.asyncorm.query;

import java.math.BigDecimal;
import java.math.BigInteger;

import dev.asyncorm.Aggregate;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * A compiled {@link Aggregate}: its field and condition resolved against the metamodel, its
 * default converted to its result type.
 *
 * @param aggregate the aggregate
 * @param path the field aggregated
 * @param condition the condition of a conditional aggregate, or {@code null}
 * @param orElse the value when there is nothing to aggregate, or {@code null}
 * @param spansRelations whether its field or its condition reads other tables
 */
record AggregateExpression(Aggregate aggregate, FieldPath path, LookupCompiler.@Nullable Part condition,
		@Nullable Object orElse, boolean spansRelations) {

	/** The type of an aggregate's result, as Django gives it: counts and integer sums are longs, means doubles. */
	static Class<?> resultType(Aggregate.Function function, Class<?> fieldType) {
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(fieldType);
		return switch (function) {
			case COUNT -> Long.class;
			case AVG -> Double.class;
			case SUM -> (type == BigDecimal.class || type == BigInteger.class) ? type
					: (type == Double.class || type == Float.class) ? Double.class : Long.class;
			case MIN, MAX -> type;
		};
	}

	Class<?> resultType() {
		return resultType(this.aggregate.function(), this.path.javaType());
	}

	/** Django's result over no rows: the default, else 0 for a count and {@code null} for the others. */
	@Nullable Object emptyValue() {
		if (this.orElse != null) {
			return this.orElse;
		}
		return (this.aggregate.function() == Aggregate.Function.COUNT) ? 0L : null;
	}

	String alias() {
		return this.aggregate.alias();
	}

	/** Builds the aggregate over the rows of {@code joins}: {@code COUNT(CASE WHEN cond THEN x END)} when conditional. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	Expression<?> expression(Joins joins, CommonAbstractCriteria statement) {
		CriteriaBuilder cb = joins.cb();
		Expression value = this.path.path(joins);
		if (this.condition != null) {
			value = cb.selectCase().when(this.condition.build(joins, statement), value)
				.otherwise(cb.nullLiteral(value.getJavaType()));
		}
		Expression result = switch (this.aggregate.function()) {
			case COUNT -> this.aggregate.isDistinct() ? cb.countDistinct(value) : cb.count(value);
			case SUM -> cb.sum(value);
			case AVG -> cb.avg(value);
			case MIN -> cb.least(value);
			case MAX -> cb.greatest(value);
		};
		return (this.orElse != null) ? cb.coalesce(result, this.orElse) : result;
	}

}
