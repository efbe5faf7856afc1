package dev.asyncorm.query;

import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link QuerySpec} into JPA Criteria statements, each selecting only what its operation
 * needs: entities, one id, or a count.
 *
 * @param <T> the entity type
 */
final class CriteriaQueries<T> {

	private final ModelInfo<T> model;

	CriteriaQueries(ModelInfo<T> model) {
		this.model = model;
	}

	/** Selects entities in the given order, from {@code offset}, at most {@code limit}. */
	TypedQuery<T> select(EntityManager em, QuerySpec<T> spec, List<OrderTerm> ordering, int offset,
			@Nullable Integer limit) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<T> query = cb.createQuery(this.model.javaType());
		Root<T> root = query.from(this.model.javaType());
		where(query, spec, root, cb);
		if (!ordering.isEmpty()) {
			query.orderBy(ordering.stream().map((term) -> term.toOrder(root, cb)).toList());
		}
		return window(em.createQuery(query), offset, limit);
	}

	/** Selects the ids of one window of rows, for {@code exists()} and deletes. */
	TypedQuery<?> selectIds(EntityManager em, QuerySpec<T> spec, int offset, @Nullable Integer limit) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<Object> query = cb.createQuery(Object.class);
		Root<T> root = query.from(this.model.javaType());
		query.select(root.get(this.model.id().getName()));
		where(query, spec, root, cb);
		return window(em.createQuery(query), offset, limit);
	}

	/** Counts the rows matching the conditions, ignoring order and slice. */
	long count(EntityManager em, QuerySpec<T> spec) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<Long> query = cb.createQuery(Long.class);
		Root<T> root = query.from(this.model.javaType());
		query.select(cb.count(root));
		where(query, spec, root, cb);
		return em.createQuery(query).getSingleResult();
	}

	/** Updates the matching rows; values are bound parameters or {@link ExpressionFactory}s. */
	@SuppressWarnings("unchecked")
	int update(EntityManager em, QuerySpec<T> spec, Map<String, @Nullable Object> values) {
		HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
		CriteriaUpdate<T> update = cb.createCriteriaUpdate(this.model.javaType());
		Root<T> root = update.from(this.model.javaType());
		values.forEach((field, value) -> {
			Path<Object> path = root.get(field);
			if (value instanceof ExpressionFactory<?> factory) {
				update.<Object>set(path, (Expression<? extends Object>) ((ExpressionFactory<T>) factory).create(root, cb));
			}
			else if (value == null) {
				update.<Object>set(path, (Expression<? extends Object>) cb.nullLiteral(path.getJavaType()));
			}
			else {
				update.set(path, (Object) value);
			}
		});
		Predicate predicate = spec.predicate(root, update, cb);
		if (predicate != null) {
			update.where(predicate);
		}
		return em.createQuery(update).executeUpdate();
	}

	/** Deletes the matching rows with one statement. */
	int delete(EntityManager em, QuerySpec<T> spec) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaDelete<T> delete = cb.createCriteriaDelete(this.model.javaType());
		Root<T> root = delete.from(this.model.javaType());
		Predicate predicate = spec.predicate(root, delete, cb);
		if (predicate != null) {
			delete.where(predicate);
		}
		return em.createQuery(delete).executeUpdate();
	}

	/** Selects the matching entities locked for update, for {@code updateOrCreate}. */
	TypedQuery<T> selectForUpdate(EntityManager em, QuerySpec<T> spec, int limit) {
		return select(em, spec, List.of(), 0, limit).setLockMode(LockModeType.PESSIMISTIC_WRITE);
	}

	private void where(CriteriaQuery<?> query, QuerySpec<T> spec, Root<T> root, CriteriaBuilder cb) {
		Predicate predicate = spec.predicate(root, query, cb);
		if (predicate != null) {
			query.where(predicate);
		}
	}

	private static <Q extends TypedQuery<?>> Q window(Q query, int offset, @Nullable Integer limit) {
		if (offset > 0) {
			query.setFirstResult(offset);
		}
		if (limit != null) {
			query.setMaxResults(limit);
		}
		return query;
	}

}
