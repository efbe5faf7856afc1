package dev.asyncorm.query;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.metamodel.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * What a lookup, an ordering or a projection reads: a field ({@link FieldPath}) or an annotation
 * ({@link Annotation}).
 */
interface Operand {

	/** The name as written, for messages. */
	String name();

	/** The expression, joining what it needs through {@code joins}; {@code statement} is for subqueries. */
	Expression<?> expression(Joins joins, CommonAbstractCriteria statement);

	/** The Java type of the values. */
	Class<?> javaType();

	/** Whether a value can be {@code NULL}. */
	boolean nullable();

	/** Whether a row may have several values (a collection on the way). */
	boolean multiValued();

	/** Whether reading it joins other tables. */
	boolean spansRelations();

	/** The related entity when the operand is a relation compared by its id, else {@code null}. */
	@Nullable EntityType<?> relation();

}
