package dev.asyncorm.query;

import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

/**
 * Builds a Criteria expression over a model's root, for {@link dev.asyncorm.F} expressions in
 * filters and updates.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
interface ExpressionFactory<T> {

	Expression<?> create(From<?, T> from, HibernateCriteriaBuilder cb);

}
