package dev.asyncorm.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.asyncorm.SelectForUpdateOptions;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.jspecify.annotations.Nullable;

/**
 * The immutable state of a queryset: its conditions, its order, its slice, whether it is
 * {@code distinct()} and whether it is {@code none()}. Each change returns a copy.
 *
 * @param <T> the entity type
 */
final class QuerySpec<T> {

	private List<Condition<T>> conditions = List.of();

	private @Nullable List<OrderTerm> ordering;

	private int offset;

	private @Nullable Integer limit;

	private boolean empty;

	private boolean distinct;

	private boolean reversed;

	private Map<String, Annotation<T>> annotations = Map.of();

	private @Nullable String combinator;

	private @Nullable Duration timeout;

	/** The database named with {@code using}, or {@code null} to ask the routers. */
	private @Nullable String database;

	private @Nullable SelectForUpdateOptions lock;

	private List<List<String>> selectRelated = List.of();

	private List<String> prefetchRelated = List.of();

	private DeferredLoading loading = DeferredLoading.NONE;

	private List<LookupCompiler.Part> having = List.of();

	/** The querysets that a {@code unionAll()} reads, its {@code none()} ones left out. */
	private List<QuerySpec<T>> unionAllParts = List.of();

	private QuerySpec() {
	}

	static <T> QuerySpec<T> all() {
		return new QuerySpec<>();
	}

	private QuerySpec<T> copy() {
		QuerySpec<T> copy = new QuerySpec<>();
		copy.conditions = this.conditions;
		copy.ordering = this.ordering;
		copy.offset = this.offset;
		copy.limit = this.limit;
		copy.empty = this.empty;
		copy.distinct = this.distinct;
		copy.reversed = this.reversed;
		copy.annotations = this.annotations;
		copy.combinator = this.combinator;
		copy.timeout = this.timeout;
		copy.database = this.database;
		copy.lock = this.lock;
		copy.selectRelated = this.selectRelated;
		copy.prefetchRelated = this.prefetchRelated;
		copy.loading = this.loading;
		copy.having = this.having;
		copy.unionAllParts = this.unionAllParts;
		return copy;
	}

	/** The compiled {@code filter}/{@code exclude} conditions, all of which hold. */
	List<Condition<T>> conditions() {
		return this.conditions;
	}

	/** The explicit order, or {@code null} for the model's default ordering. */
	@Nullable List<OrderTerm> ordering() {
		return this.ordering;
	}

	/** The rows skipped. */
	int offset() {
		return this.offset;
	}

	/** The rows taken at most, or {@code null} for no limit. */
	@Nullable Integer limit() {
		return this.limit;
	}

	/** Whether the queryset is {@code none()}. */
	boolean empty() {
		return this.empty;
	}

	/** Whether duplicate rows are removed ({@code SELECT DISTINCT}). */
	boolean distinct() {
		return this.distinct;
	}

	/** Whether {@code reverse()} was called an odd number of times: every order is inverted. */
	boolean reversed() {
		return this.reversed;
	}

	/** The annotations, by alias, in the order they were added. */
	Map<String, Annotation<T>> annotations() {
		return this.annotations;
	}

	/** The set operation that made this queryset ({@code union}, …), which then cannot be filtered; or {@code null}. */
	@Nullable String combinator() {
		return this.combinator;
	}

	/**
	 * The queryset of the rows one condition selects, made by a set operation on this one: it
	 * keeps how this one reads its rows (timeout, loaded fields, related loading), not its filters,
	 * order or slice.
	 */
	QuerySpec<T> combined(String combinator, Condition<T> rows) {
		QuerySpec<T> spec = new QuerySpec<T>().where(rows);
		spec.combinator = combinator;
		spec.timeout = this.timeout;
		spec.database = this.database;
		spec.loading = this.loading;
		spec.selectRelated = this.selectRelated;
		spec.prefetchRelated = this.prefetchRelated;
		return spec;
	}

	/** The querysets this {@code unionAll()} reads, empty for any other queryset. */
	List<QuerySpec<T>> unionAllParts() {
		return this.unionAllParts;
	}

	QuerySpec<T> unionAllParts(List<QuerySpec<T>> parts) {
		QuerySpec<T> copy = copy();
		copy.unionAllParts = List.copyOf(parts);
		return copy;
	}

	/**
	 * The rows of one part of this {@code unionAll()}, read as this queryset reads its rows
	 * (timeout, loaded fields, related loading): the part's conditions and {@code distinct()}.
	 */
	QuerySpec<T> unionAllPart(QuerySpec<T> part) {
		QuerySpec<T> copy = copy();
		copy.conditions = part.conditions;
		copy.distinct = part.distinct;
		copy.combinator = null;
		copy.unionAllParts = List.of();
		return copy;
	}

	/** The statement timeout, or {@code null} for the database's. */
	@Nullable Duration timeout() {
		return this.timeout;
	}

	/** The row locks the rows are read with, or {@code null}. */
	@Nullable SelectForUpdateOptions lock() {
		return this.lock;
	}

	/** The to-one relations fetched with the rows, each a chain of attribute names. */
	List<List<String>> selectRelated() {
		return this.selectRelated;
	}

	/** The relations loaded by one more query each after the rows. */
	List<String> prefetchRelated() {
		return this.prefetchRelated;
	}

	/** The conditions on the aggregates of a grouped projection, its {@code HAVING}. */
	List<LookupCompiler.Part> having() {
		return this.having;
	}

	QuerySpec<T> having(LookupCompiler.Part condition) {
		List<LookupCompiler.Part> having = new ArrayList<>(this.having);
		having.add(condition);
		QuerySpec<T> copy = copy();
		copy.having = List.copyOf(having);
		return copy;
	}

	/** The fields the entities are read with ({@code only()}/{@code defer()}). */
	DeferredLoading loading() {
		return this.loading;
	}

	QuerySpec<T> loading(DeferredLoading loading) {
		QuerySpec<T> copy = copy();
		copy.loading = loading;
		return copy;
	}

	QuerySpec<T> selectRelated(List<List<String>> chains) {
		QuerySpec<T> copy = copy();
		copy.selectRelated = concat(this.selectRelated, chains);
		return copy;
	}

	QuerySpec<T> prefetchRelated(List<String> relations) {
		QuerySpec<T> copy = copy();
		copy.prefetchRelated = concat(this.prefetchRelated, relations);
		return copy;
	}

	private static <E> List<E> concat(List<E> first, List<E> second) {
		List<E> all = new ArrayList<>(first);
		second.stream().filter((element) -> !all.contains(element)).forEach(all::add);
		return List.copyOf(all);
	}

	QuerySpec<T> timeout(Duration timeout) {
		QuerySpec<T> copy = copy();
		copy.timeout = timeout;
		return copy;
	}

	/** The database named with {@code using}, or {@code null} to ask the routers. */
	@Nullable String database() {
		return this.database;
	}

	QuerySpec<T> database(String database) {
		QuerySpec<T> copy = copy();
		copy.database = database;
		return copy;
	}

	QuerySpec<T> lock(SelectForUpdateOptions lock) {
		QuerySpec<T> copy = copy();
		copy.lock = lock;
		return copy;
	}

	boolean isSliced() {
		return this.offset > 0 || this.limit != null;
	}

	/**
	 * Whether the queryset reads whole rows of the whole table, as {@code all()} does: no
	 * condition, slice, annotation, combination, lock, timeout, relation loading or partial
	 * loading. Its order and {@code distinct()} may differ: one row by primary key is read alike.
	 */
	boolean readsWholeTable() {
		return this.conditions.isEmpty() && !this.empty && !isSliced() && this.annotations.isEmpty()
				&& this.combinator == null && this.timeout == null && this.lock == null && this.selectRelated.isEmpty()
				&& this.prefetchRelated.isEmpty() && !this.loading.isPartial() && this.having.isEmpty();
	}

	/** Whether a condition joins other tables. */
	boolean spansRelations() {
		return this.conditions.stream().anyMatch(Condition::spansRelations);
	}

	/** The same queryset with its conditions replaced by one. */
	QuerySpec<T> onlyWhere(Condition<T> condition) {
		QuerySpec<T> copy = copy();
		copy.conditions = List.of(condition);
		return copy;
	}

	QuerySpec<T> where(Condition<T> condition) {
		List<Condition<T>> conditions = new ArrayList<>(this.conditions);
		conditions.add(condition);
		QuerySpec<T> copy = copy();
		copy.conditions = List.copyOf(conditions);
		return copy;
	}

	QuerySpec<T> orderBy(@Nullable List<OrderTerm> ordering) {
		QuerySpec<T> copy = copy();
		copy.ordering = ordering;
		return copy;
	}

	QuerySpec<T> none() {
		QuerySpec<T> copy = copy();
		copy.empty = true;
		return copy;
	}

	QuerySpec<T> distinct(boolean distinct) {
		QuerySpec<T> copy = copy();
		copy.distinct = distinct;
		return copy;
	}

	QuerySpec<T> annotate(Annotation<T> annotation) {
		Map<String, Annotation<T>> annotations = new LinkedHashMap<>(this.annotations);
		annotations.put(annotation.name(), annotation);
		QuerySpec<T> copy = copy();
		copy.annotations = Collections.unmodifiableMap(annotations);
		return copy;
	}

	QuerySpec<T> reverse() {
		QuerySpec<T> copy = copy();
		copy.reversed = !this.reversed;
		return copy;
	}

	/** Slices relative to the current slice, as Django's {@code qs[a:b][c:d]} does. */
	QuerySpec<T> slice(int start, @Nullable Integer end) {
		QuerySpec<T> copy = copy();
		copy.offset = this.offset + start;
		Integer limit = (end != null) ? Integer.valueOf(end - start) : null;
		if (this.limit != null) {
			int remaining = Math.max(0, this.limit - start);
			limit = (limit != null) ? Math.min(limit, remaining) : remaining;
		}
		copy.limit = limit;
		return copy;
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
