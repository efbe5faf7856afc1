package dev.asyncorm.query;

import java.util.List;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaDerivedRoot;
import org.hibernate.query.criteria.JpaSubQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * A queryset given as the value of a lookup, Django's {@code filter(box__in=Box.objects.filter(...))}:
 * built into the statement of the lookup as a subquery of its one column, the primary key for a
 * queryset of entities, so that both are read by one statement. Its order counts only when it is
 * sliced; a sliced one is read from a derived table, {@code (SELECT v FROM (SELECT ... LIMIT n))},
 * which MariaDB accepts where it refuses a {@code LIMIT} in an {@code IN} subquery.
 *
 * @param model the model of the queryset
 * @param spec its state: conditions, slice, {@code distinct()}
 * @param column the column it selects, or {@code null} for the primary key
 * @param javaType the Java type of that column's values
 * @param ordering its order, which a slice takes its rows in
 * @param <U> the queryset's entity type
 */
record SubqueryValue<U>(ModelInfo<U> model, QuerySpec<U> spec, @Nullable Column column, Class<?> javaType,
		List<OrderTerm> ordering) {

	/** The alias of the selected column in the derived table of a sliced queryset. */
	private static final String VALUE = "v";

	/** The entity the queryset reads rows of. */
	EntityType<U> entityType() {
		return this.model.entityType();
	}

	/** Whether it selects entities, which then stand for their primary keys. */
	boolean selectsEntities() {
		return this.column == null;
	}

	/** Whether it has no rows whatever the database holds: {@code none()} or a slice of none. */
	boolean empty() {
		return this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit());
	}

	/** Whether it is sliced to one row at most, as Django's {@code exact} lookup requires of a queryset. */
	boolean limitedToOne() {
		return Integer.valueOf(1).equals(this.spec.limit());
	}

	/** The subquery, made inside {@code statement}. */
	Expression<?> build(CommonAbstractCriteria statement, HibernateCriteriaBuilder cb) {
		JpaSubQuery<Object> values = subquery(statement);
		if (!this.spec.isSliced()) {
			select(values, cb, null);
			return values;
		}
		JpaSubQuery<Object> window = subquery(values);
		Joins joins = select(window, cb, VALUE);
		if (!this.ordering.isEmpty()) {
			window.orderBy(this.ordering.stream().map((term) -> term.toOrder(joins, window)).toList());
		}
		window.offset(this.spec.offset());
		if (this.spec.limit() != null) {
			window.fetch(this.spec.limit());
		}
		JpaDerivedRoot<Object> rows = values.from(window);
		values.select(rows.get(VALUE));
		return values;
	}

	/** A subquery typed as the column, which Hibernate compares with the field. */
	@SuppressWarnings("unchecked")
	private JpaSubQuery<Object> subquery(CommonAbstractCriteria statement) {
		return (JpaSubQuery<Object>) statement.subquery(ClassUtils.resolvePrimitiveIfNecessary(this.javaType));
	}

	/**
	 * Makes a subquery select the column, under an alias if one is given, of the rows that the
	 * conditions keep; returns the joins they made.
	 */
	@SuppressWarnings("unchecked")
	private Joins select(JpaSubQuery<Object> query, HibernateCriteriaBuilder cb, @Nullable String alias) {
		Root<U> row = query.from(this.model.javaType());
		Predicate predicate = this.spec.predicate(row, query, cb);
		if (predicate != null) {
			query.where(predicate);
		}
		Joins joins = Joins.reusing(row, cb);
		Selection<?> selection = (this.column != null) ? this.column.selector().select(joins, query)
				: row.get(this.model.id().getName());
		if (alias != null) {
			selection.alias(alias);
		}
		query.select((Expression<Object>) selection).distinct(this.spec.distinct());
		return joins;
	}

}
