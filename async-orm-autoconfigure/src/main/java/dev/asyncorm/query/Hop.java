package dev.asyncorm.query;

import java.util.Collection;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.metamodel.EntityType;

/**
 * One step of a lookup path from an entity to a related one: an attribute of the entity, or a
 * relation that only the other entity maps (Django's default query name, {@code story} from
 * {@code Reporter} for {@code Story.reporter}).
 *
 * @param name the name the step has in lookups
 * @param kind how the step is joined
 * @param attribute the attribute that maps the relation: on the entity for {@link Kind#ATTRIBUTE},
 * on the target otherwise
 * @param target the related entity
 * @param multiValued whether one row may have several related rows (Django's multi-valued relations)
 */
record Hop(String name, Kind kind, String attribute, EntityType<?> target, boolean multiValued) {

	/** How a step is joined. */
	enum Kind {

		/** An attribute of the entity: a to-one relation, a collection or a mapped inverse side. */
		ATTRIBUTE,

		/** A to-one relation of the target that points at the entity and that the entity does not map. */
		INVERSE_TO_ONE,

		/** A many-to-many collection of the target that holds the entity and that the entity does not map. */
		INVERSE_MANY_TO_MANY

	}

	/** Joins the step from {@code from}, as an outer join so that rows without a related row stay. */
	@SuppressWarnings("unchecked")
	From<?, ?> join(From<?, ?> from, CriteriaBuilder cb, JoinType type) {
		return switch (this.kind) {
			case ATTRIBUTE -> from.join(this.attribute, type);
			case INVERSE_TO_ONE -> {
				Join<?, ?> join = from.join(this.target.getJavaType(), type);
				yield join.on(cb.equal(join.get(this.attribute), from));
			}
			case INVERSE_MANY_TO_MANY -> {
				Join<?, ?> join = from.join(this.target.getJavaType(), type);
				yield join.on(isMember(cb, (From<?, Object>) from, join.get(this.attribute)));
			}
		};
	}

	private static <X> Predicate isMember(CriteriaBuilder cb, From<?, X> member, Expression<Collection<X>> collection) {
		return cb.isMember(member, collection);
	}

}
