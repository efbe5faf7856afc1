package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Predicate;
import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.domain.PredicateSpecification;

/**
 * The immutable state of a queryset: its conditions, its order, its slice, and whether it is
 * {@code none()}.
 *
 * @param conditions the compiled {@code filter}/{@code exclude} conditions, all of which hold
 * @param ordering the explicit order, or {@code null} for the model's default ordering
 * @param offset rows skipped
 * @param limit rows taken at most, or {@code null} for no limit
 * @param empty whether the queryset is {@code none()}
 * @param <T> the entity type
 */
record QuerySpec<T>(List<Condition<T>> conditions, @Nullable List<OrderTerm> ordering, int offset,
		@Nullable Integer limit, boolean empty) {

	static <T> QuerySpec<T> all() {
		return new QuerySpec<>(List.of(), null, 0, null, false);
	}

	boolean isSliced() {
		return this.offset > 0 || this.limit != null;
	}

	QuerySpec<T> where(PredicateSpecification<T> specification) {
		return where(Condition.of(specification));
	}

	QuerySpec<T> where(Condition<T> condition) {
		List<Condition<T>> conditions = new ArrayList<>(this.conditions);
		conditions.add(condition);
		return new QuerySpec<>(List.copyOf(conditions), this.ordering, this.offset, this.limit, this.empty);
	}

	QuerySpec<T> orderBy(List<OrderTerm> ordering) {
		return new QuerySpec<>(this.conditions, ordering, this.offset, this.limit, this.empty);
	}

	QuerySpec<T> none() {
		return new QuerySpec<>(this.conditions, this.ordering, this.offset, this.limit, true);
	}

	/** Slices relative to the current slice, as Django's {@code qs[a:b][c:d]} does. */
	QuerySpec<T> slice(int start, @Nullable Integer end) {
		int offset = this.offset + start;
		Integer limit = (end != null) ? Integer.valueOf(end - start) : null;
		if (this.limit != null) {
			int remaining = Math.max(0, this.limit - start);
			limit = (limit != null) ? Math.min(limit, remaining) : remaining;
		}
		return new QuerySpec<>(this.conditions, this.ordering, offset, limit, this.empty);
	}

	/** The predicate of all the conditions, or {@code null} when there is none. */
	@Nullable Predicate predicate(Root<T> root, CommonAbstractCriteria statement, CriteriaBuilder cb) {
		if (this.conditions.isEmpty()) {
			return null;
		}
		Predicate[] predicates = this.conditions.stream()
			.map((condition) -> condition.toPredicate(root, statement, cb))
			.toArray(Predicate[]::new);
		return (predicates.length == 1) ? predicates[0] : cb.and(predicates);
	}

}
