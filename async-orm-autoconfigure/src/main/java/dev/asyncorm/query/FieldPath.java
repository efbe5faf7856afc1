package dev.asyncorm.query;

import java.util.List;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

/**
 * A field reached from a model through zero or more relations: {@code name}, {@code box__name},
 * {@code toppings__name}, or a relation itself compared by its id ({@code box}, {@code box_id},
 * {@code toppings}).
 *
 * @param name the path as written, for messages
 * @param hops the relations joined to reach the field
 * @param leaf the attribute names read from the last joined entity: one basic field, or a to-one
 * relation and its target's id, which reads the foreign key without a join
 * @param attribute the basic attribute the path ends on
 * @param relation the related entity when the path names a relation rather than a field of it, so
 * that an instance of it is accepted as a value, else {@code null}
 * @param nullable whether the value can be {@code NULL}: the field is optional or a relation on the
 * way may be missing
 */
record FieldPath(String name, List<Hop> hops, List<String> leaf, SingularAttribute<?, ?> attribute,
		@Nullable EntityType<?> relation, boolean nullable) implements Operand {

	/** Whether the path reaches another table: a join, or the foreign key of a to-one relation. */
	@Override
	public boolean spansRelations() {
		return !this.hops.isEmpty() || this.leaf.size() > 1;
	}

	/** Whether a row may match through several related rows (a collection on the way). */
	@Override
	public boolean multiValued() {
		return this.hops.stream().anyMatch(Hop::multiValued);
	}

	/** The Java type of the field's values. */
	@Override
	public Class<?> javaType() {
		return this.attribute.getJavaType();
	}

	@Override
	public Expression<?> expression(Joins joins, CommonAbstractCriteria statement) {
		return path(joins);
	}

	/** Reads the field, joining the relations through {@code joins}. */
	Path<?> path(Joins joins) {
		Path<?> path = joins.from(this.hops);
		for (String name : this.leaf) {
			path = path.get(name);
		}
		return path;
	}

}
