package dev.asyncorm.query;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

/**
 * A condition built from a lambda that says whether it joins other tables, which a lambda alone
 * cannot ({@link Condition#spansRelations()} is then {@code false}).
 *
 * @param condition the predicate
 * @param spansRelations whether it joins other tables
 * @param <T> the entity type
 */
record SpanningCondition<T>(Condition<T> condition, boolean spansRelations) implements Condition<T> {

	@Override
	public Predicate toPredicate(Root<T> root, CommonAbstractCriteria statement, CriteriaBuilder cb) {
		return this.condition.toPredicate(root, statement, cb);
	}

}
