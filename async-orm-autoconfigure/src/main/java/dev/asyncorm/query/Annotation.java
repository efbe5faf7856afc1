package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.persistence.metamodel.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate computed for each row, Django's {@code annotate(alias=...)} on a queryset of
 * entities: a correlated subquery over the row's related rows. The filters applied before the
 * {@code annotate} narrow the rows it aggregates, as they do in Django, whose annotation reuses
 * their joins; later filters do not.
 *
 * @param name the alias
 * @param aggregate the compiled aggregate
 * @param before the queryset's conditions when it was annotated
 * @param model the model
 * @param <T> the entity type
 */
record Annotation<T>(String name, AggregateExpression aggregate, List<Condition<T>> before, ModelInfo<T> model)
		implements Operand {

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Expression<?> expression(Joins joins, CommonAbstractCriteria statement) {
		CriteriaBuilder cb = joins.cb();
		String id = this.model.id().getName();
		Subquery rows = statement.subquery(this.aggregate.resultType());
		Root<T> row = rows.from(this.model.javaType());
		List<Predicate> predicates = new ArrayList<>();
		predicates.add(cb.equal(row.get(id), joins.root().get(id)));
		this.before.forEach((condition) -> predicates.add(condition.toPredicate(row, rows, cb)));
		rows.select(this.aggregate.expression(Joins.reusing(row, cb), rows)).where(predicates.toArray(Predicate[]::new));
		return rows;
	}

	@Override
	public Class<?> javaType() {
		return this.aggregate.resultType();
	}

	@Override
	public boolean nullable() {
		return this.aggregate.orElse() == null;
	}

	@Override
	public boolean multiValued() {
		return false;
	}

	@Override
	public boolean spansRelations() {
		return false;
	}

	@Override
	public @Nullable EntityType<?> relation() {
		return null;
	}

}
