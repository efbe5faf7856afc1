package dev.asyncorm.query;

import java.util.Arrays;
import java.util.Collections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.BulkCreateOptions;
import dev.asyncorm.CreateResult;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.F;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.Q;
import dev.asyncorm.SelectForUpdateOptions;
import dev.asyncorm.execution.Route;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * The {@link AsyncQuerySet} of a model: an immutable {@link QuerySpec}, the model's runtime, and
 * the {@link Projection} that makes its rows entities or values.
 *
 * @param <T> the entity type
 * @param <R> the row type: the entity, or a projection of it
 */
final class DefaultAsyncQuerySet<T, R> implements AsyncQuerySet<R> {

	private final ModelRuntime<T> runtime;

	private final QuerySpec<T> spec;

	private final @Nullable QueryScope<T> scope;

	private final Projection<R> projection;

	private DefaultAsyncQuerySet(ModelRuntime<T> runtime, QuerySpec<T> spec, @Nullable QueryScope<T> scope,
			Projection<R> projection) {
		this.runtime = runtime;
		this.spec = spec;
		this.scope = scope;
		this.projection = projection;
	}

	/** A queryset of entities, narrowed to a scope when there is one. */
	static <T> DefaultAsyncQuerySet<T, T> of(ModelRuntime<T> runtime, QuerySpec<T> spec, @Nullable QueryScope<T> scope) {
		return new DefaultAsyncQuerySet<>(runtime, spec, scope, Projection.entities());
	}

	private DefaultAsyncQuerySet<T, R> with(QuerySpec<T> spec) {
		return new DefaultAsyncQuerySet<>(this.runtime, spec, this.scope, this.projection);
	}

	private <P> DefaultAsyncQuerySet<T, P> projected(Projection<P> projection) {
		return new DefaultAsyncQuerySet<>(this.runtime, this.spec, this.scope, projection);
	}

	/**
	 * Runs a read, named after the scope when there is one ({@code toppings.count}), on the
	 * database named with {@code using} or as routed; a read that locks its rows is a write.
	 */
	private <V> CompletableFuture<V> submit(String operation, Callable<V> work) {
		return this.runtime.submit(route(this.spec.lock() != null), operationName(operation), work);
	}

	/** Runs a write, named after the scope when there is one, on the database named with {@code using} or as routed. */
	private <V> CompletableFuture<V> submitWrite(String operation, Callable<V> work) {
		return this.runtime.submit(route(true), operationName(operation), work);
	}

	/** Where this queryset's operations go: the database named with {@code using}, else as routed for the scope's owner. */
	private Route route(boolean write) {
		Route route = write ? this.runtime.write(this.spec.database()) : this.runtime.read(this.spec.database());
		return (this.scope != null) ? route.about(this.scope.owner()) : route;
	}

	/**
	 * Runs a read of rows: one statement in autocommit, or, to prefetch relations into the same
	 * persistence context, a read-only transaction.
	 */
	private <V> V readRows(Function<EntityManager, V> work) {
		return this.runtime.readRows(!this.spec.prefetchRelated().isEmpty() && this.projection.isEntities(), work);
	}

	/** Reads one window of rows, entities or projected values, then prefetches the relations of entities. */
	@SuppressWarnings("unchecked")
	private List<R> read(EntityManager em, List<OrderTerm> ordering, int offset, @Nullable Integer limit) {
		List<R> rows = select(em, ordering, offset, limit);
		if (this.projection.isEntities() && !rows.isEmpty()) {
			this.spec.prefetchRelated()
				.forEach((relation) -> this.runtime.prefetch(em, this.spec, (List<T>) rows, relation));
		}
		return rows;
	}

	/** Reads one window of rows with the one statement of this queryset: entities or projected values. */
	@SuppressWarnings("unchecked")
	private List<R> select(EntityManager em, List<OrderTerm> ordering, int offset, @Nullable Integer limit) {
		if (this.spec.lock() != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new InvalidDataAccessApiUsageException("selectForUpdate() cannot be used outside of a transaction; "
					+ "read the rows inside AsyncOrm.atomic(...).");
		}
		List<Column> columns = this.projection.columns();
		if (columns == null) {
			return (List<R>) this.runtime.queries.rows(em, this.spec, ordering, offset, limit);
		}
		return this.runtime.queries.project(em, this.spec, columns, ordering, offset, limit).stream()
			.map(this.projection.mapper())
			.toList();
	}

	/** Django refuses the entity operations after {@code values()}. */
	private void requireEntities(String operation) {
		if (!this.projection.isEntities()) {
			throw new InvalidDataAccessApiUsageException("Cannot call " + operation + "() after values(), valuesList() "
					+ "or as().");
		}
	}

	@Override
	public AsyncQuerySet<R> all() {
		return this;
	}

	@Override
	public AsyncQuerySet<R> none() {
		return with(this.spec.none());
	}

	@Override
	public AsyncQuerySet<R> filter(String lookup, @Nullable Object value) {
		return filter(Q.of(lookup, value));
	}

	@Override
	public AsyncQuerySet<R> filter(Q condition) {
		return where(condition, false, "filter");
	}

	@Override
	public AsyncQuerySet<R> filter(Map<String, ?> lookups) {
		return filter(Q.of(lookups));
	}

	@Override
	public AsyncQuerySet<R> exclude(String lookup, @Nullable Object value) {
		return exclude(Q.of(lookup, value));
	}

	@Override
	public AsyncQuerySet<R> exclude(Q condition) {
		return where(condition, true, "exclude");
	}

	/**
	 * Adds a condition: on the aggregates of {@code values(...).annotate(...)}, to the
	 * {@code HAVING}; otherwise to the {@code WHERE}, where it may name the annotations.
	 */
	private AsyncQuerySet<R> where(Q condition, boolean negated, String operation) {
		requireFilterable(operation);
		requireUnsliced("filter");
		Map<String, Operand> aggregates = groupedAggregates();
		Set<String> names = aggregates.isEmpty() ? Set.of() : LookupCompiler.names(condition);
		if (names.stream().noneMatch(aggregates::containsKey)) {
			return with(this.spec.where(this.runtime.compiler.compile(condition, negated, this.spec.annotations())));
		}
		if (!aggregates.keySet().containsAll(names)) {
			throw new InvalidDataAccessApiUsageException(operation + "() on the aggregates of values().annotate() "
					+ "cannot also name fields (" + String.join(", ", names) + "); filter the fields in another call.");
		}
		return with(this.spec.having(this.runtime.compiler.compileHaving(condition, negated, aggregates)));
	}

	@Override
	public AsyncQuerySet<R> exclude(Map<String, ?> lookups) {
		return exclude(Q.of(lookups));
	}

	@Override
	public AsyncQuerySet<R> orderBy(String... fields) {
		requireUnsliced("reorder");
		return with(this.spec.orderBy(OrderTerm.parseAll(List.of(fields), this.runtime.compiler, orderable())));
	}

	/** The annotations, and the aggregates of a grouped projection, that an order may name. */
	private Map<String, Operand> orderable() {
		Map<String, Operand> operands = new LinkedHashMap<>(this.spec.annotations());
		operands.putAll(groupedAggregates());
		return operands;
	}

	/** The aggregates of {@code values(...).annotate(...)}, by alias. */
	private Map<String, Operand> groupedAggregates() {
		Map<String, Operand> aggregates = new LinkedHashMap<>();
		List<Column> columns = this.projection.columns();
		if (columns != null) {
			columns.stream()
				.filter(Column::aggregate)
				.forEach((column) -> aggregates.put(column.key(), column.operand(column.type())));
		}
		return aggregates;
	}

	/** A condition on aggregates belongs to the projection that computes them. */
	private void requireNoHaving(String operation) {
		if (!this.spec.having().isEmpty()) {
			throw new InvalidDataAccessApiUsageException(operation + "() after filtering on the aggregates of "
					+ "values().annotate() is not supported.");
		}
	}

	@Override
	public AsyncQuerySet<R> reverse() {
		requireUnsliced("reverse");
		return with(this.spec.reverse());
	}

	@Override
	public AsyncQuerySet<R> distinct() {
		requireFilterable("distinct");
		requireUnsliced("create distinct fields");
		return with(this.spec.distinct(true));
	}

	@Override
	public AsyncQuerySet<R> only(String... fields) {
		requireEntities("only");
		return loading(this.spec.loading(this.spec.loading().only(this.runtime.model.loadableNames(fields, "only"))));
	}

	@Override
	public AsyncQuerySet<R> defer(String... fields) {
		requireEntities("defer");
		DeferredLoading loading = (fields.length == 0) ? DeferredLoading.NONE
				: this.spec.loading().defer(this.runtime.model.loadableNames(fields, "defer"));
		return loading(this.spec.loading(loading));
	}

	/**
	 * A queryset whose {@code selectRelated} relations are all read by its {@code only()} or
	 * {@code defer()}: Django refuses to follow a deferred relation.
	 */
	private AsyncQuerySet<R> loading(QuerySpec<T> spec) {
		spec.loading().requireTraversable(this.runtime.model.entityType(), spec.selectRelated());
		return with(spec);
	}

	@Override
	public AsyncQuerySet<R> selectRelated(String... relations) {
		requireEntities("selectRelated");
		List<String> names = (relations.length > 0) ? List.of(relations) : this.runtime.model.toOneNames();
		return loading(this.spec.selectRelated(names.stream().map(this.runtime.model::toOneChain).toList()));
	}

	@Override
	public AsyncQuerySet<R> prefetchRelated(String... relations) {
		requireEntities("prefetchRelated");
		for (String relation : relations) {
			if (this.runtime.compiler.unmappedSet(relation) == null) {
				this.runtime.model.requireRelation(relation);
			}
		}
		return loading(this.spec.prefetchRelated(List.of(relations)));
	}

	@Override
	public AsyncQuerySet<R> timeout(Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidDataAccessApiUsageException("A query timeout must be positive, got " + timeout + ".");
		}
		return with(this.spec.timeout(timeout));
	}

	@Override
	public AsyncQuerySet<R> using(String alias) {
		return with(this.spec.database(this.runtime.database(alias)));
	}

	@Override
	public AsyncQuerySet<R> selectForUpdate() {
		return selectForUpdate(SelectForUpdateOptions.defaults());
	}

	@Override
	public AsyncQuerySet<R> selectForUpdate(boolean nowait, boolean skipLocked) {
		return selectForUpdate(SelectForUpdateOptions.defaults().nowait(nowait).skipLocked(skipLocked));
	}

	@Override
	public AsyncQuerySet<R> selectForUpdate(SelectForUpdateOptions options) {
		return with(this.spec.lock(options));
	}

	@Override
	public AsyncQuerySet<R> slice(int start, int end) {
		requireNotNegative(start);
		requireNotNegative(end);
		if (end < start) {
			throw new InvalidDataAccessApiUsageException(
					"Slice end " + end + " is before its start " + start + ".");
		}
		return with(this.spec.slice(start, end));
	}

	@Override
	public AsyncQuerySet<R> limit(int n) {
		return slice(0, n);
	}

	@Override
	public AsyncQuerySet<R> offset(int n) {
		requireNotNegative(n);
		return with(this.spec.slice(n, null));
	}

	@Override
	public AsyncQuerySet<Map<String, Object>> values(String... fields) {
		requireNoHaving("values");
		return projected(Projection.maps(columns(fields)));
	}

	@Override
	public AsyncQuerySet<List<Object>> valuesList(String... fields) {
		requireNoHaving("valuesList");
		return projected(Projection.lists(columns(fields)));
	}

	@Override
	public <V> AsyncQuerySet<V> valuesList(String field, Class<V> type) {
		requireNoHaving("valuesList");
		Column column = column(field);
		Class<?> fieldType = this.runtime.compiler.field(field).javaType();
		if (!convertible(fieldType, type)) {
			throw new InvalidDataAccessApiUsageException("valuesList(\"" + field + "\", " + type.getSimpleName()
					+ ".class): the field holds " + fieldType.getSimpleName() + " values.");
		}
		return projected(Projection.flat(column, type));
	}

	@Override
	public <P> AsyncQuerySet<P> as(Class<P> type) {
		requireNoHaving("as");
		return projected(Projection.of(type, columns(Projection.propertiesOf(type).toArray(String[]::new))));
	}

	/**
	 * This queryset as the value of a lookup of another: a subquery of its one column, the primary
	 * key for entities, as Django's {@code QuerySet.resolve_expression} makes it.
	 */
	SubqueryValue<T> asSubquery() {
		List<Column> columns = this.projection.columns();
		if (columns != null && columns.size() > 1) {
			throw new InvalidDataAccessApiUsageException("Cannot use multi-field values as a filter value.");
		}
		if (columns == null) {
			return new SubqueryValue<>(this.runtime.model, this.spec, null, this.runtime.model.id().getJavaType(),
					ordering());
		}
		Column column = columns.get(0);
		Class<?> type = (column.type() != null) ? column.type() : this.runtime.compiler.field(column.key()).javaType();
		return new SubqueryValue<>(this.runtime.model, this.spec, column, type, ordering());
	}

	/** Django returns values as they are: a flat value may only be widened, or be another number. */
	private static boolean convertible(Class<?> fieldType, Class<?> type) {
		Class<?> from = ClassUtils.resolvePrimitiveIfNecessary(fieldType);
		Class<?> to = ClassUtils.resolvePrimitiveIfNecessary(type);
		return to.isAssignableFrom(from) || (Number.class.isAssignableFrom(from) && Number.class.isAssignableFrom(to));
	}

	/** The columns of {@code values(...)}: the fields asked for, or Django's default fields. */
	private List<Column> columns(String[] fields) {
		List<String> names = (fields.length > 0) ? List.of(fields) : this.runtime.model.valueNames();
		return names.stream().map(this::column).toList();
	}

	private Column column(String name) {
		Annotation<T> annotation = this.spec.annotations().get(name);
		if (annotation != null) {
			return Column.aggregate(name, annotation::expression, annotation.javaType(), false);
		}
		return Column.field(name, this.runtime.compiler.field(name));
	}

	@Override
	public AsyncQuerySet<R> annotate(String alias, Aggregate aggregate) {
		requireFilterable("annotate");
		requireUnsliced("annotate");
		if (this.spec.annotations().containsKey(alias) || this.runtime.compiler.isField(alias)) {
			throw new InvalidDataAccessApiUsageException("The annotation '" + alias + "' conflicts with a field or "
					+ "annotation of " + this.runtime.model.name() + ".");
		}
		AggregateExpression expression = this.runtime.compiler.aggregate(aggregate.as(alias));
		if (this.projection.isEntities()) {
			return with(this.spec.annotate(new Annotation<>(alias, expression, this.spec.conditions(),
					this.runtime.model)));
		}
		return projected(this.projection.grouped(Column.aggregate(alias, expression::expression,
				expression.resultType(), true)));
	}

	@Override
	public CompletableFuture<Map<String, Object>> aggregate(Aggregate... aggregates) {
		if (this.spec.isSliced() && this.spec.distinct()) {
			throw new InvalidDataAccessApiUsageException("aggregate() on a sliced distinct() queryset is not supported; "
					+ "aggregate the whole queryset, or slice it without distinct().");
		}
		if (isGrouped()) {
			throw new InvalidDataAccessApiUsageException("aggregate() after values().annotate() is not supported.");
		}
		if (aggregates.length == 0) {
			throw new InvalidDataAccessApiUsageException("aggregate() needs at least one Aggregate.");
		}
		List<AggregateExpression> compiled = Arrays.stream(aggregates).map(this.runtime.compiler::aggregate).toList();
		if (this.spec.isSliced() && compiled.stream().anyMatch(AggregateExpression::spansRelations)) {
			// The slice is a subquery of ids: an aggregate across relations would join again from
			// each id, counting the rows that the filters' joins repeat more than once.
			throw new InvalidDataAccessApiUsageException("aggregate() across relations on a sliced queryset is not "
					+ "supported; aggregate the fields of " + this.runtime.model.name() + " itself, or do not slice.");
		}
		if (this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit())) {
			Map<String, Object> empty = new LinkedHashMap<>();
			compiled.forEach((aggregate) -> empty.put(aggregate.alias(), aggregate.emptyValue()));
			return CompletableFuture.completedFuture(Collections.unmodifiableMap(empty));
		}
		List<OrderTerm> ordering = this.spec.isSliced() ? ordering() : List.of();
		return submit("aggregate", () -> this.runtime.jpa.read((em) -> {
			Object[] row = this.runtime.queries.aggregate(em, this.spec, compiled, ordering);
			Map<String, Object> result = new LinkedHashMap<>();
			for (int i = 0; i < row.length; i++) {
				AggregateExpression aggregate = compiled.get(i);
				result.put(aggregate.alias(), this.runtime.converter.convert(row[i], aggregate.resultType(),
						aggregate.alias()));
			}
			return Collections.unmodifiableMap(result);
		}));
	}

	@Override
	public CompletableFuture<List<R>> list() {
		if (this.spec.empty()) {
			return CompletableFuture.completedFuture(List.of());
		}
		List<OrderTerm> ordering = ordering();
		return submit("list", () -> readRows((em) -> read(em, ordering, this.spec.offset(),
				this.spec.limit())));
	}

	@Override
	public CompletableFuture<String> explain() {
		if (this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit())) {
			throw new InvalidDataAccessApiUsageException("explain() of an empty queryset: none() or an empty slice "
					+ "sends no statement, so there is no plan to explain.");
		}
		List<OrderTerm> ordering = ordering();
		return submit("explain", () -> this.runtime.explainer.explain((em) -> select(em, ordering, this.spec.offset(),
				this.spec.limit())));
	}

	@Override
	public CompletableFuture<R> get() {
		return submit("get", () -> this.runtime.single(readRows(this::readForGet)));
	}

	@Override
	public CompletableFuture<R> get(String lookup, @Nullable Object value) {
		Object id = primaryKeyOfWholeTable(lookup, value);
		if (id != null) {
			return submit("get", () -> rowOf(this.runtime.find(id)));
		}
		return filter(lookup, value).get();
	}

	/**
	 * The primary key of a {@code get} that may load by id instead of querying: entities of a
	 * queryset that {@link QuerySpec#readsWholeTable reads the whole table}, outside any related
	 * manager's scope, with no statement timeout to apply; else {@code null}.
	 */
	private @Nullable Object primaryKeyOfWholeTable(String lookup, @Nullable Object value) {
		if (this.scope != null || !this.projection.isEntities() || !this.spec.readsWholeTable()
				|| this.runtime.settings.timeout() != null) {
			return null;
		}
		return this.runtime.primaryKey(lookup, value);
	}

	/** An entity as a row of this queryset, whose rows are entities. */
	@SuppressWarnings("unchecked")
	private R rowOf(T entity) {
		return (R) entity;
	}

	@Override
	public CompletableFuture<R> get(Q condition) {
		return filter(condition).get();
	}

	@Override
	public CompletableFuture<R> get(Map<String, ?> lookups) {
		if (lookups.size() == 1) {
			Map.Entry<String, ?> lookup = lookups.entrySet().iterator().next();
			return get(lookup.getKey(), lookup.getValue());
		}
		return filter(lookups).get();
	}

	/** Reads at most 21 rows, without ordering them unless the queryset is sliced, as Django does. */
	private List<R> readForGet(EntityManager em) {
		if (this.spec.empty()) {
			return List.of();
		}
		int limit = (this.spec.limit() != null) ? Math.min(this.spec.limit(), ModelRuntime.MAX_GET_RESULTS)
				: ModelRuntime.MAX_GET_RESULTS;
		List<OrderTerm> ordering = this.spec.isSliced() ? ordering() : List.of();
		return read(em, ordering, this.spec.offset(), limit);
	}

	@Override
	public CompletableFuture<R> item(int index) {
		requireNotNegative(index);
		if (this.spec.empty() || (this.spec.limit() != null && index >= this.spec.limit())) {
			return CompletableFuture.failedFuture(noItem(index));
		}
		List<OrderTerm> ordering = ordering();
		return submit("item", () -> {
			List<R> rows = readRows((em) -> read(em, ordering, this.spec.offset() + index, 1));
			if (rows.isEmpty()) {
				throw noItem(index);
			}
			return rows.get(0);
		});
	}

	private ObjectDoesNotExistException noItem(int index) {
		return new ObjectDoesNotExistException(
				this.runtime.model.name() + " queryset has no row at index " + index + ".");
	}

	@Override
	public CompletableFuture<Optional<R>> first() {
		return firstBy("first", orderingOrPk("first"));
	}

	@Override
	public CompletableFuture<Optional<R>> last() {
		requireUnsliced("reverse");
		return firstBy("last", OrderTerm.reverse(orderingOrPk("last")));
	}

	private CompletableFuture<Optional<R>> firstBy(String operation, List<OrderTerm> ordering) {
		if (this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit())) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		return submit(operation, () -> readRows((em) -> read(em, ordering, this.spec.offset(), 1)
			.stream()
			.findFirst()));
	}

	@Override
	public CompletableFuture<R> latest(String... fields) {
		return latestBy("latest", fields, true);
	}

	@Override
	public CompletableFuture<R> earliest(String... fields) {
		return latestBy("earliest", fields, false);
	}

	private CompletableFuture<R> latestBy(String operation, String[] fields, boolean latest) {
		requireUnsliced("change");
		List<String> names = (fields.length > 0) ? List.of(fields) : this.runtime.model.getLatestBy();
		if (names.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("earliest() and latest() require either fields as arguments "
					+ "or 'getLatestBy' in @ModelOptions of " + this.runtime.model.name() + ".");
		}
		List<OrderTerm> ordering = OrderTerm.parseAll(names, this.runtime.compiler, this.spec.annotations());
		return firstBy(operation, latest ? OrderTerm.reverse(ordering) : ordering)
			.thenApply((row) -> row.orElseThrow(this.runtime::doesNotExist));
	}

	@Override
	public CompletableFuture<Boolean> contains(R entity) {
		requireEntities("contains");
		if (!this.runtime.model.javaType().isInstance(entity)) {
			throw new InvalidDataAccessApiUsageException("contains() expects a " + this.runtime.model.name()
					+ " instance, got " + ((entity != null) ? entity.getClass().getSimpleName() : "null") + ".");
		}
		Object id = this.runtime.model.idOf(this.runtime.model.javaType().cast(entity));
		if (id == null) {
			throw new InvalidDataAccessApiUsageException("contains() cannot be used on unsaved objects.");
		}
		return with(this.spec.where(this.runtime.compiler.compile(Q.of("pk", id)))).exists();
	}

	@Override
	public CompletableFuture<Map<Object, R>> inBulk() {
		requireEntities("inBulk");
		return bulkBy(null, this.runtime.model.id());
	}

	@Override
	public CompletableFuture<Map<Object, R>> inBulk(Collection<?> ids) {
		return inBulk(ids, "pk");
	}

	@Override
	public CompletableFuture<Map<Object, R>> inBulk(Collection<?> values, String field) {
		requireEntities("inBulk");
		SingularAttribute<? super T, ?> attribute = this.runtime.model.basicAttribute(field);
		if (!this.runtime.model.isUnique(attribute)) {
			throw new InvalidDataAccessApiUsageException(
					"inBulk()'s field must be a unique field but '" + field + "' isn't.");
		}
		List<Object> keys = values.stream()
			.filter(Objects::nonNull)
			.map((value) -> this.runtime.converter.convert(value, attribute.getJavaType(), field))
			.distinct()
			.toList();
		return bulkBy(keys, attribute);
	}

	/** Reads the rows whose field has one of the values (all rows for {@code null}), keyed by that field. */
	@SuppressWarnings("unchecked")
	private CompletableFuture<Map<Object, R>> bulkBy(@Nullable List<Object> values,
			SingularAttribute<? super T, ?> attribute) {
		if (this.spec.isSliced()) {
			throw new InvalidDataAccessApiUsageException("Cannot use 'limit' or 'offset' with inBulk().");
		}
		if (this.spec.empty() || (values != null && values.isEmpty())) {
			return CompletableFuture.completedFuture(Map.of());
		}
		String lookup = attribute.getName() + "__in";
		DeferredLoading loading = this.spec.loading();
		// The rows are keyed by the field, which is read whatever only() or defer() said.
		QuerySpec<T> keyed = loading.isPartial() ? this.spec.loading(loading.including(List.of(attribute.getName())))
				: this.spec;
		List<QuerySpec<T>> chunks = (values == null) ? List.of(keyed)
				: Batches.split(values, ModelRuntime.IN_CHUNK).stream()
					.map((chunk) -> keyed.where(this.runtime.compiler.compile(Q.of(lookup, chunk))))
					.toList();
		return submit("inBulk", () -> readRows((em) -> {
			Map<Object, R> rows = new LinkedHashMap<>();
			for (QuerySpec<T> chunk : chunks) {
				for (T row : this.runtime.queries.rows(em, chunk, List.of(), 0, null)) {
					rows.put(EntityAttributes.get(row, attribute), (R) row);
				}
			}
			return Collections.unmodifiableMap(rows);
		}));
	}

	@Override
	@SafeVarargs
	public final AsyncQuerySet<R> union(AsyncQuerySet<R>... others) {
		return with(SetOperations.combine("union", combinable("union", others), this.runtime.queries));
	}

	@Override
	@SafeVarargs
	public final AsyncQuerySet<R> unionAll(AsyncQuerySet<R>... others) {
		return with(SetOperations.unionAll(combinable("unionAll", others), this.runtime.queries));
	}

	@Override
	@SafeVarargs
	public final AsyncQuerySet<R> intersection(AsyncQuerySet<R>... others) {
		return with(SetOperations.combine("intersection", combinable("intersection", others), this.runtime.queries));
	}

	@Override
	@SafeVarargs
	public final AsyncQuerySet<R> difference(AsyncQuerySet<R>... others) {
		return with(SetOperations.combine("difference", combinable("difference", others), this.runtime.queries));
	}

	@Override
	public AsyncQuerySet<R> and(AsyncQuerySet<R> other) {
		return with(SetOperations.and(combinable("and", this), combinable("and", other)));
	}

	@Override
	public AsyncQuerySet<R> or(AsyncQuerySet<R> other) {
		return with(SetOperations.or(combinable("or", this), combinable("or", other)));
	}

	/** The specs of this queryset and the others, for a set operation. */
	private List<QuerySpec<T>> combinable(String operation, AsyncQuerySet<R>[] others) {
		List<QuerySpec<T>> specs = new ArrayList<>();
		specs.add(combinable(operation, this));
		for (AsyncQuerySet<R> other : others) {
			specs.add(combinable(operation, other));
		}
		return specs;
	}

	/** The spec of a queryset that a set operation or a combination may take: unsliced, uncombined, same model. */
	private QuerySpec<T> combinable(String operation, AsyncQuerySet<R> queryset) {
		if (!(queryset.all() instanceof DefaultAsyncQuerySet<?, ?> other) || other.runtime.model != this.runtime.model) {
			throw new InvalidDataAccessApiUsageException(operation + "() combines querysets of the same model, "
					+ this.runtime.model.name() + ".");
		}
		@SuppressWarnings("unchecked")
		QuerySpec<T> spec = (QuerySpec<T>) other.spec;
		if (spec.isSliced()) {
			throw new InvalidDataAccessApiUsageException("Cannot use " + operation + "() with a sliced queryset.");
		}
		if (spec.combinator() != null) {
			throw new InvalidDataAccessApiUsageException("Calling " + operation + "() after " + spec.combinator()
					+ "() is not supported.");
		}
		if (!spec.having().isEmpty()) {
			throw new InvalidDataAccessApiUsageException("Cannot use " + operation + "() with a queryset filtered on "
					+ "the aggregates of values().annotate().");
		}
		return spec;
	}

	@Override
	public CompletableFuture<Long> count() {
		if (this.spec.empty()) {
			return CompletableFuture.completedFuture(0L);
		}
		return submit("count", () -> {
			long total = this.runtime.jpa.read(this::countAll);
			long remaining = Math.max(0, total - this.spec.offset());
			return (this.spec.limit() != null) ? Math.min(remaining, this.spec.limit()) : remaining;
		});
	}

	/** Counts every row, ignoring the slice: distinct or grouped projections count their own rows. */
	private long countAll(EntityManager em) {
		List<Column> columns = this.projection.columns();
		boolean ownRows = columns != null && (this.spec.distinct() || isGrouped());
		return ownRows ? this.runtime.queries.countProjected(em, this.spec, columns)
				: this.runtime.queries.count(em, this.spec);
	}

	@Override
	public CompletableFuture<Boolean> exists() {
		if (this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit())) {
			return CompletableFuture.completedFuture(false);
		}
		List<Column> columns = this.projection.columns();
		if (!this.spec.having().isEmpty() && columns != null) {
			// A group exists when the HAVING keeps one: read the first.
			return submit("exists", () -> this.runtime.jpa.read((em) -> !this.runtime.queries
				.project(em, this.spec, columns, List.of(), this.spec.offset(), 1)
				.isEmpty()));
		}
		return submit("exists", () -> this.runtime.jpa.read((em) -> !this.runtime.queries
			.selectIds(em, this.spec, this.spec.offset(), 1)
			.getResultList()
			.isEmpty()));
	}

	@Override
	public CompletableFuture<Long> update(Map<String, ?> values) {
		requireFilterable("update");
		requireNoHaving("update");
		requireUnsliced("update");
		Map<String, @Nullable Object> prepared = new LinkedHashMap<>();
		values.forEach((field, value) -> {
			SingularAttribute<? super T, ?> relation = toOneRelation(field);
			if (relation != null) {
				prepared.put(relation.getName(), relatedRow(relation, field, value));
				return;
			}
			SingularAttribute<? super T, ?> attribute = this.runtime.model.basicAttribute(field);
			prepared.put(attribute.getName(), (value instanceof F expression) ? this.runtime.compiler.updateExpression(expression)
					: this.runtime.converter.convert(value, attribute.getJavaType(), field));
		});
		if (this.spec.empty() || prepared.isEmpty()) {
			return CompletableFuture.completedFuture(0L);
		}
		return submitWrite("update",
				() -> (long) this.runtime.jpa.write((em) -> this.runtime.queries.update(em, this.spec, prepared)));
	}

	/**
	 * The to-one relation a field of {@code update()} names: the relation itself ({@code box}) or
	 * its foreign key by Django's column name ({@code box_id}); {@code null} for any other field.
	 */
	private @Nullable SingularAttribute<? super T, ?> toOneRelation(String field) {
		SingularAttribute<? super T, ?> byColumnName = this.runtime.model.relationByColumnName(field);
		SingularAttribute<? super T, ?> singular = (byColumnName != null) ? byColumnName
				: (this.runtime.model.hasField(field)
						&& this.runtime.model.attribute(field) instanceof SingularAttribute<? super T, ?> named
						&& named.isAssociation()) ? named : null;
		if (singular == null) {
			return null;
		}
		String name = singular.getName();
		if (!UpdatableColumns.isUpdatable(this.runtime.persister(), singular)) {
			throw new InvalidDataAccessApiUsageException("update() cannot set '" + field + "': the foreign key of "
					+ this.runtime.model.name() + "." + name + " is not a column of " + this.runtime.model.name() + "'s table.");
		}
		return singular;
	}

	/**
	 * The row a relation is set to: {@code null}, an instance of the related model (by its id), or
	 * with {@code <relation>_id} an id; never loaded.
	 */
	private @Nullable Object relatedRow(SingularAttribute<? super T, ?> relation, String field, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof F) {
			throw new InvalidDataAccessApiUsageException("update() cannot assign an F() expression to the relation '"
					+ field + "' of " + this.runtime.model.name() + "; assign an instance, an id with '"
					+ relation.getName() + "_id', or null.");
		}
		if (!field.equals(relation.getName())) {
			return RelatedReference.byId(relation, value, field);
		}
		Class<?> relatedType = relation.getType().getJavaType();
		if (!relatedType.isInstance(value)) {
			throw new InvalidDataAccessApiUsageException("Cannot assign \"" + value + "\": \"" + this.runtime.model.name()
					+ "." + field + "\" must be a \"" + relatedType.getSimpleName() + "\" instance.");
		}
		Object id = this.runtime.jpa.entityManagerFactory().getPersistenceUnitUtil().getIdentifier(value);
		if (id == null) {
			throw new InvalidDataAccessApiUsageException("update() prohibited to prevent data loss due to unsaved "
					+ "related object '" + field + "'.");
		}
		return new RelatedReference(relatedType, id);
	}

	@Override
	public CompletableFuture<DeleteResult> delete() {
		requireFilterable("delete");
		requireEntities("delete");
		if (this.spec.isSliced()) {
			throw new InvalidDataAccessApiUsageException("Cannot use 'limit' or 'offset' with delete().");
		}
		if (this.spec.empty()) {
			return CompletableFuture.completedFuture(new DeleteResult(0, Map.of()));
		}
		return submitWrite("delete", () -> this.runtime.jpa.write((em) -> DeletionCounter.count(() -> {
			if (this.runtime.deletesAlone()) {
				DeletionCounter.add(this.runtime.model.name(), this.runtime.queries.delete(em, this.spec));
				return;
			}
			this.runtime.deleteByIds(em, this.spec, this.runtime.queries.selectIds(em, this.spec, 0, null).getResultList());
		})));
	}

	@Override
	public CompletableFuture<CreateResult<R>> getOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		requireEntities("getOrCreate");
		return rowsOf(new CreateOperation<>(this.runtime, route(true), narrowTo(lookups), creationFields(lookups, defaults),
				linker())
			.getOrCreate(operationName("getOrCreate")));
	}

	@Override
	public CompletableFuture<CreateResult<R>> getOrCreate(Map<String, ?> lookups) {
		return getOrCreate(lookups, Map.of());
	}

	@Override
	public CompletableFuture<CreateResult<R>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return updateOrCreate(lookups, defaults, defaults);
	}

	@Override
	public CompletableFuture<CreateResult<R>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults,
			Map<String, ?> createDefaults) {
		requireEntities("updateOrCreate");
		return rowsOf(new CreateOperation<>(this.runtime, route(true), narrowTo(lookups),
				creationFields(lookups, createDefaults), linker())
			.updateOrCreate(operationName("updateOrCreate"), this.runtime.fields(defaults)));
	}

	/** Entities are this queryset's rows once {@link #requireEntities} has passed. */
	@SuppressWarnings("unchecked")
	private static <X, R> CompletableFuture<R> rowsOf(CompletableFuture<X> entities) {
		return (CompletableFuture<R>) entities;
	}

	private String operationName(String operation) {
		return (this.scope != null) ? this.scope.name() + "." + operation : operation;
	}

	private QueryScope.@Nullable Linker<T> linker() {
		return (this.scope != null) ? this.scope.linker() : null;
	}

	private QuerySpec<T> narrowTo(Map<String, ?> lookups) {
		requireUnsliced("filter");
		return this.spec.where(this.runtime.compiler.compile(Q.of(lookups)));
	}

	/** Django's creation parameters: the lookups without {@code __}, then the defaults over them. */
	private Map<SingularAttribute<? super T, ?>, @Nullable Object> creationFields(Map<String, ?> lookups,
			Map<String, ?> defaults) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		lookups.forEach((lookup, value) -> {
			if (!lookup.contains("__")) {
				values.put(lookup, value);
			}
		});
		values.putAll(defaults);
		return this.runtime.fields(values);
	}

	/** The order of {@code list()}: the explicit one, else the model's default, inverted by {@code reverse()}. */
	private List<OrderTerm> ordering() {
		List<OrderTerm> ordering = (this.spec.ordering() != null) ? this.spec.ordering()
				: isGrouped() ? List.of() : this.runtime.defaultOrdering;
		return this.spec.reversed() ? OrderTerm.reverse(ordering) : ordering;
	}

	/** Whether the rows are the groups of {@code values(...).annotate(...)}, which the model's default ordering would split. */
	private boolean isGrouped() {
		List<Column> columns = this.projection.columns();
		return columns != null && columns.stream().anyMatch(Column::aggregate);
	}

	/** The order of {@code first()} and {@code last()}: as {@link #ordering()}, else the primary key. */
	private List<OrderTerm> orderingOrPk(String operation) {
		List<OrderTerm> ordering = ordering();
		if (!ordering.isEmpty()) {
			return ordering;
		}
		if (isGrouped()) {
			throw new InvalidDataAccessApiUsageException("Cannot use " + operation + "() on an unordered queryset "
					+ "performing aggregation. Add an ordering with orderBy().");
		}
		return List.of(new OrderTerm(this.runtime.compiler.field("pk"), this.spec.reversed()));
	}

	/** Django refuses to filter the result of a set operation. */
	private void requireFilterable(String operation) {
		if (this.spec.combinator() != null) {
			throw new InvalidDataAccessApiUsageException("Calling " + operation + "() after " + this.spec.combinator()
					+ "() is not supported.");
		}
	}

	private void requireUnsliced(String action) {
		if (this.spec.isSliced()) {
			throw new InvalidDataAccessApiUsageException("Cannot " + action + " a query once a slice has been taken.");
		}
	}

	private static void requireNotNegative(int index) {
		if (index < 0) {
			throw new InvalidDataAccessApiUsageException("Negative indexing is not supported.");
		}
	}

	@Override
	public Flow.Publisher<R> iterator() {
		return iterator(this.runtime.settings.iteratorChunkSize());
	}

	@Override
	public Flow.Publisher<R> iterator(int chunkSize) {
		return chunks("iterator", chunkSize);
	}

	@Override
	public CompletableFuture<Void> forEach(Consumer<? super R> action) {
		return ForEachSubscriber.consume(chunks("forEach", this.runtime.settings.iteratorChunkSize()), action);
	}

	/**
	 * Rows read by keyset, each chunk a short read that the metrics name after the operation. A
	 * {@code unionAll()} without an order reads each of its querysets in turn, each by keyset:
	 * its rows repeat, so no keyset identifies a row of the whole.
	 */
	private Flow.Publisher<R> chunks(String operation, int chunkSize) {
		requireIterable(operation);
		if (chunkSize <= 0) {
			throw new InvalidDataAccessApiUsageException("Chunk size must be strictly positive, got " + chunkSize + ".");
		}
		String name = operationName(operation);
		List<OrderTerm> ordering = ordering();
		boolean unionAll = "unionAll".equals(this.spec.combinator());
		if (ordering.stream().anyMatch((term) -> term.operand() != null && term.operand().multiValued())
				|| unionAll && (!ordering.isEmpty() || this.spec.isSliced())
				|| this.spec.spansRelations() && this.spec.isSliced()) {
			return windows(operation, name, ordering, chunkSize);
		}
		if (!unionAll) {
			Keyset<T> keyset = keyset(operation, this.spec, ordering);
			return new ChunkedPublisher<>(() -> cursor(keyset, name, chunkSize));
		}
		List<Keyset<T>> parts = this.spec.unionAllParts().stream()
			.map((part) -> keyset(operation, this.spec.unionAllPart(part), List.of()))
			.toList();
		return new ChunkedPublisher<>(() -> new SequentialSource<>(
				parts.stream().map((part) -> cursor(part, name, chunkSize)).toList()));
	}

	/**
	 * Rows read in windows of the queryset's order, the primary key breaking ties, where no keyset
	 * can follow the order or the slice: across a collection, whose rows repeat; of an ordered or
	 * sliced {@code unionAll()}; a slice of rows that joins repeat, which counts the copies (see
	 * {@link OffsetCursor}). Each window is read as {@code list()} reads a slice, prefetches
	 * included.
	 */
	private Flow.Publisher<R> windows(String operation, String name, List<OrderTerm> ordering, int chunkSize) {
		if (ordering.stream().anyMatch((term) -> term.operand() == null)) {
			throw new InvalidDataAccessApiUsageException("Cannot iterate " + this.runtime.model.name() + " in random "
					+ "order: iterator() reads chunks of a stable order.");
		}
		if (this.spec.combinator() != null && !this.projection.isEntities()) {
			throw new InvalidDataAccessApiUsageException(operation + "() of an ordered or sliced unionAll() of values(), "
					+ "valuesList() or as() is not supported: its windows would need the primary key, which the rows "
					+ "do not select, to keep one order. Read them with list(), or iterate the entities.");
		}
		List<OrderTerm> total = new ArrayList<>(ordering);
		String id = this.runtime.model.id().getName();
		if (ordering.stream().noneMatch((term) -> term.operand().name().equals(id) || "pk".equals(term.operand().name()))) {
			total.add(new OrderTerm(this.runtime.compiler.field("pk"), false));
		}
		Integer limit = this.spec.empty() ? Integer.valueOf(0) : this.spec.limit();
		return new ChunkedPublisher<>(() -> new OffsetCursor<>(this.runtime, route(false), name,
				(offset, count) -> readRows((em) -> read(em, total, offset, count)), this.spec.offset(), limit,
				chunkSize));
	}

	/** The rows of a queryset and the keyset order they are read in, checked when the iteration is made. */
	private Keyset<T> keyset(String operation, QuerySpec<T> spec, List<OrderTerm> ordering) {
		KeysetOrder<T> order = KeysetOrder.of(this.runtime.model, ordering, this.runtime.nullOrdering);
		DeferredLoading loading = spec.loading();
		QuerySpec<T> loaded = loading.isPartial() ? spec.loading(loading.including(order.fieldNames())) : spec;
		// A keyset cannot tell apart the copies of a row that joins repeat: each row comes once.
		CriteriaQueries<T> queries = this.runtime.queries;
		QuerySpec<T> rows = loaded.spansRelations()
				? loaded.onlyWhere((root, statement, cb) -> queries.idIn(loaded, root, statement, cb)) : loaded;
		return new Keyset<>(rows, order);
	}

	/**
	 * A new position at the start of a keyset's rows, for one subscription: entities with the
	 * relations they prefetch, or projected rows.
	 */
	@SuppressWarnings("unchecked")
	private KeysetCursor<T, R> cursor(Keyset<T> keyset, String operation, int chunkSize) {
		List<Column> columns = this.projection.columns();
		KeysetCursor.ChunkReader<T, R> reader = (columns == null)
				? (KeysetCursor.ChunkReader<T, R>) new EntityChunkReader<>(this.runtime, keyset.order())
				: new ProjectionChunkReader<>(this.runtime, keyset.order(), columns, this.projection.mapper());
		return new KeysetCursor<>(this.runtime, operation, keyset.rows(), keyset.order(), reader, chunkSize);
	}

	/** The rows an iteration reads by keyset, and their order. */
	private record Keyset<T>(QuerySpec<T> rows, KeysetOrder<T> order) {
	}

	/**
	 * A keyset gives each row of the model once, in its order: projected rows must be one per
	 * model row, so neither grouped by {@code annotate()}, made distinct, nor repeated by a
	 * field across a multi-valued relation.
	 */
	private void requireIterable(String operation) {
		List<Column> columns = this.projection.columns();
		if (columns == null) {
			return;
		}
		String refusal = operation + "() of values(), valuesList() or as() reads one row per " + this.runtime.model.name()
				+ " by keyset; ";
		if (columns.stream().anyMatch(Column::aggregate)) {
			throw new InvalidDataAccessApiUsageException(refusal + "the groups of annotate() are not such rows. "
					+ "Read them with list().");
		}
		if (this.spec.distinct()) {
			throw new InvalidDataAccessApiUsageException(refusal + "distinct() rows are not such rows. "
					+ "Read them with list().");
		}
		columns.stream()
			.filter((column) -> !this.spec.annotations().containsKey(column.key()))
			.filter((column) -> this.runtime.compiler.field(column.key()).multiValued())
			.findFirst()
			.ifPresent((column) -> {
				throw new InvalidDataAccessApiUsageException(refusal + "'" + column.key() + "' repeats a row for each "
						+ "related row. Read them with list().");
			});
	}

	@Override
	public CompletableFuture<List<R>> bulkCreate(List<R> objects) {
		return bulkCreate(objects, BulkCreateOptions.defaults());
	}

	@Override
	public CompletableFuture<List<R>> bulkCreate(List<R> objects, BulkCreateOptions options) {
		requireEntities("bulkCreate");
		BulkInsert<T> insert = new BulkInsert<>(this.runtime, entities(objects), options, this.scope);
		return objects.isEmpty() ? CompletableFuture.completedFuture(objects)
				: rowsOf(submitWrite("bulkCreate", insert::execute));
	}

	@Override
	public CompletableFuture<Long> bulkUpdate(List<R> objects, String... fields) {
		return submitBulkUpdate(objects, List.of(fields), null);
	}

	@Override
	public CompletableFuture<Long> bulkUpdate(List<R> objects, List<String> fields, int batchSize) {
		return submitBulkUpdate(objects, fields, batchSize);
	}

	private CompletableFuture<Long> submitBulkUpdate(List<R> objects, List<String> fields, @Nullable Integer batchSize) {
		requireEntities("bulkUpdate");
		requireUnsliced("update");
		entities(objects).forEach((object) -> this.runtime.deferredFields.requireWritable(object, fields, "bulkUpdate"));
		BulkUpdate<T> update = new BulkUpdate<>(this.runtime, this.spec, entities(objects), fields, batchSize);
		if (objects.isEmpty() || this.spec.empty()) {
			return CompletableFuture.completedFuture(0L);
		}
		return submitWrite("bulkUpdate", update::execute);
	}

	/** The rows given to a bulk write are entities once {@link #requireEntities} has passed. */
	@SuppressWarnings("unchecked")
	private List<T> entities(List<R> rows) {
		return (List<T>) rows;
	}

}
