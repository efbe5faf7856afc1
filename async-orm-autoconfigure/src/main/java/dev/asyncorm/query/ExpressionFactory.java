package dev.asyncorm.query;

import jakarta.persistence.criteria.Expression;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

/**
 * Builds a Criteria expression for a statement, for {@link dev.asyncorm.F} expressions in
 * filters and updates and for the {@code CASE} of a bulk update: fields are read through
 * {@code joins}, which a filter's expression shares with its lookups.
 */
@FunctionalInterface
interface ExpressionFactory {

	Expression<?> create(Joins joins, HibernateCriteriaBuilder cb);

}
