package dev.asyncorm.query;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Combines the specs of querysets of one model: Django's {@code union}, {@code intersection},
 * {@code difference} (each row once), {@code union(all=True)} (each row as often as the querysets
 * give it), and the {@code &} and {@code |} of querysets (their conditions). The first spec is the
 * receiver's, whose way of reading rows (timeout, loaded fields, related loading) the result keeps.
 */
final class SetOperations {

	private SetOperations() {
	}

	/**
	 * A set operation over the rows' ids: {@code id IN (SELECT ...)} per queryset, combined with
	 * {@code OR}, {@code AND} or {@code AND NOT}, so that each row comes once, as SQL's set
	 * operations give it.
	 */
	static <T> QuerySpec<T> combine(String combinator, List<QuerySpec<T>> specs, CriteriaQueries<T> queries) {
		Condition<T> rows = (root, statement, cb) -> {
			Predicate[] parts = specs.stream()
				.map((spec) -> queries.idIn(spec, root, statement, cb))
				.toArray(Predicate[]::new);
			return switch (combinator) {
				case "union" -> cb.or(parts);
				case "intersection" -> cb.and(parts);
				default -> cb.and(parts[0], cb.not(cb.or(Arrays.copyOfRange(parts, 1, parts.length))));
			};
		};
		return specs.get(0).combined(combinator, rows);
	}

	/** Every row of every spec, repeats kept, through {@link CriteriaQueries#unionAll}; {@code none()} parts add nothing. */
	static <T> QuerySpec<T> unionAll(List<QuerySpec<T>> specs, CriteriaQueries<T> queries) {
		List<QuerySpec<T>> parts = specs.stream().filter((spec) -> !spec.empty()).toList();
		QuerySpec<T> combined = specs.get(0).combined("unionAll", queries.unionAll(parts)).unionAllParts(parts);
		return parts.isEmpty() ? combined.none() : combined;
	}

	/** Django's {@code qs1 & qs2}: the conditions of both, in the right one's order if it has one. */
	static <T> QuerySpec<T> and(QuerySpec<T> left, QuerySpec<T> right) {
		requireSameDistinct(left, right);
		QuerySpec<T> combined = left.orderBy(ordering(left, right));
		for (Condition<T> condition : right.conditions()) {
			combined = combined.where(condition);
		}
		return right.empty() ? combined.none() : combined;
	}

	/** Django's {@code qs1 | qs2}: the conditions of either, in the right one's order if it has one. */
	static <T> QuerySpec<T> or(QuerySpec<T> left, QuerySpec<T> right) {
		requireSameDistinct(left, right);
		if (left.empty() || right.empty()) {
			return left.empty() ? right : left;
		}
		Condition<T> either = new SpanningCondition<>((root, statement, cb) -> cb.or(all(left, root, statement, cb),
				all(right, root, statement, cb)), left.spansRelations() || right.spansRelations());
		return left.onlyWhere(either).orderBy(ordering(left, right));
	}

	/** Django's {@code combine()}: the right queryset's explicit order, else the left one's. */
	private static <T> @Nullable List<OrderTerm> ordering(QuerySpec<T> left, QuerySpec<T> right) {
		return (right.ordering() != null) ? right.ordering() : left.ordering();
	}

	private static void requireSameDistinct(QuerySpec<?> left, QuerySpec<?> right) {
		if (left.distinct() != right.distinct()) {
			throw new InvalidDataAccessApiUsageException("Cannot combine a unique query with a non-unique query.");
		}
	}

	private static <T> Predicate all(QuerySpec<T> spec, Root<T> root, CommonAbstractCriteria statement,
			CriteriaBuilder cb) {
		Predicate predicate = spec.predicate(root, statement, cb);
		return (predicate != null) ? predicate : cb.conjunction();
	}

}
