package dev.asyncorm.query;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import org.springframework.data.jpa.domain.PredicateSpecification;

/**
 * A condition of a queryset. Unlike Spring Data's {@link PredicateSpecification}, it receives the
 * statement it belongs to, select, update or delete alike, so that it can build subqueries (a
 * related manager's scope is one).
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
@FunctionalInterface
public interface Condition<T> {

	/**
	 * Builds the predicate.
	 * @param root the statement's root
	 * @param statement the statement, for subqueries
	 * @param cb the criteria builder
	 * @return the predicate
	 */
	Predicate toPredicate(Root<T> root, CommonAbstractCriteria statement, CriteriaBuilder cb);

	/**
	 * Whether the condition joins other tables, which an {@code UPDATE} or {@code DELETE} cannot:
	 * they then select the ids of their rows with a subquery.
	 * @return {@code true} if the predicate needs joins
	 */
	default boolean spansRelations() {
		return false;
	}

	/**
	 * Adapts a Spring Data predicate specification.
	 * @param specification the specification
	 * @param <T> the entity type
	 * @return the condition
	 */
	static <T> Condition<T> of(PredicateSpecification<T> specification) {
		return (root, statement, cb) -> specification.toPredicate(root, cb);
	}

}
