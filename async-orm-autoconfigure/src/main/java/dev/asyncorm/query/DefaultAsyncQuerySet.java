package dev.asyncorm.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.BulkCreateOptions;
import dev.asyncorm.CreateResult;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.F;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.Q;
import jakarta.persistence.EntityManager;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The {@link AsyncQuerySet} of a model: an immutable {@link QuerySpec} plus the model's runtime.
 *
 * @param <T> the entity type
 */
final class DefaultAsyncQuerySet<T> implements AsyncQuerySet<T> {

	private final ModelRuntime<T> runtime;

	private final QuerySpec<T> spec;

	private final @Nullable QueryScope<T> scope;

	DefaultAsyncQuerySet(ModelRuntime<T> runtime, QuerySpec<T> spec, @Nullable QueryScope<T> scope) {
		this.runtime = runtime;
		this.spec = spec;
		this.scope = scope;
	}

	private DefaultAsyncQuerySet<T> with(QuerySpec<T> spec) {
		return new DefaultAsyncQuerySet<>(this.runtime, spec, this.scope);
	}

	/** Runs an operation, named after the scope when there is one ({@code toppings.count}). */
	private <R> CompletableFuture<R> submit(String operation, Callable<R> work) {
		return this.runtime.submit(operationName(operation), work);
	}

	@Override
	public AsyncQuerySet<T> all() {
		return this;
	}

	@Override
	public AsyncQuerySet<T> none() {
		return with(this.spec.none());
	}

	@Override
	public AsyncQuerySet<T> filter(String lookup, @Nullable Object value) {
		return filter(Q.of(lookup, value));
	}

	@Override
	public AsyncQuerySet<T> filter(Q condition) {
		requireUnsliced("filter");
		return with(this.spec.where(this.runtime.compiler.compile(condition)));
	}

	@Override
	public AsyncQuerySet<T> filter(Map<String, ?> lookups) {
		return filter(Q.of(lookups));
	}

	@Override
	public AsyncQuerySet<T> exclude(String lookup, @Nullable Object value) {
		return exclude(Q.of(lookup, value));
	}

	@Override
	public AsyncQuerySet<T> exclude(Q condition) {
		requireUnsliced("filter");
		return with(this.spec.where(this.runtime.compiler.compileNegated(condition)));
	}

	@Override
	public AsyncQuerySet<T> exclude(Map<String, ?> lookups) {
		return exclude(Q.of(lookups));
	}

	@Override
	public AsyncQuerySet<T> orderBy(String... fields) {
		requireUnsliced("reorder");
		return with(this.spec.orderBy(OrderTerm.parseAll(List.of(fields), this.runtime.model)));
	}

	@Override
	public AsyncQuerySet<T> slice(int start, int end) {
		requireNotNegative(start);
		requireNotNegative(end);
		if (end < start) {
			throw new InvalidDataAccessApiUsageException(
					"Slice end " + end + " is before its start " + start + ".");
		}
		return with(this.spec.slice(start, end));
	}

	@Override
	public AsyncQuerySet<T> limit(int n) {
		return slice(0, n);
	}

	@Override
	public AsyncQuerySet<T> offset(int n) {
		requireNotNegative(n);
		return with(this.spec.slice(n, null));
	}

	@Override
	public CompletableFuture<List<T>> list() {
		if (this.spec.empty()) {
			return CompletableFuture.completedFuture(List.of());
		}
		List<OrderTerm> ordering = ordering();
		return submit("list", () -> this.runtime.jpa.read((em) -> this.runtime.queries
			.select(em, this.spec, ordering, this.spec.offset(), this.spec.limit())
			.getResultList()));
	}

	@Override
	public CompletableFuture<T> get() {
		return submit("get", () -> this.runtime.single(this.runtime.jpa.read(this::readForGet)));
	}

	@Override
	public CompletableFuture<T> get(String lookup, @Nullable Object value) {
		return filter(lookup, value).get();
	}

	@Override
	public CompletableFuture<T> get(Q condition) {
		return filter(condition).get();
	}

	@Override
	public CompletableFuture<T> get(Map<String, ?> lookups) {
		return filter(lookups).get();
	}

	/** Reads at most 21 rows, without ordering them unless the queryset is sliced, as Django does. */
	private List<T> readForGet(EntityManager em) {
		if (this.spec.empty()) {
			return List.of();
		}
		int limit = (this.spec.limit() != null) ? Math.min(this.spec.limit(), ModelRuntime.MAX_GET_RESULTS)
				: ModelRuntime.MAX_GET_RESULTS;
		List<OrderTerm> ordering = this.spec.isSliced() ? ordering() : List.of();
		return this.runtime.queries.select(em, this.spec, ordering, this.spec.offset(), limit).getResultList();
	}

	@Override
	public CompletableFuture<T> item(int index) {
		requireNotNegative(index);
		if (this.spec.empty() || (this.spec.limit() != null && index >= this.spec.limit())) {
			return CompletableFuture.failedFuture(noItem(index));
		}
		List<OrderTerm> ordering = ordering();
		return submit("item", () -> {
			List<T> rows = this.runtime.jpa.read((em) -> this.runtime.queries
				.select(em, this.spec, ordering, this.spec.offset() + index, 1)
				.getResultList());
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
	public CompletableFuture<Optional<T>> first() {
		return firstBy("first", orderingOrPk());
	}

	@Override
	public CompletableFuture<Optional<T>> last() {
		requireUnsliced("reverse");
		return firstBy("last", OrderTerm.reverse(orderingOrPk()));
	}

	private CompletableFuture<Optional<T>> firstBy(String operation, List<OrderTerm> ordering) {
		if (this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit())) {
			return CompletableFuture.completedFuture(Optional.empty());
		}
		return submit(operation, () -> this.runtime.jpa.read((em) -> this.runtime.queries
			.select(em, this.spec, ordering, this.spec.offset(), 1)
			.getResultList()
			.stream()
			.findFirst()));
	}

	@Override
	public CompletableFuture<T> latest(String... fields) {
		return latestBy("latest", fields, true);
	}

	@Override
	public CompletableFuture<T> earliest(String... fields) {
		return latestBy("earliest", fields, false);
	}

	private CompletableFuture<T> latestBy(String operation, String[] fields, boolean latest) {
		requireUnsliced("change");
		List<String> names = (fields.length > 0) ? List.of(fields) : this.runtime.model.getLatestBy();
		if (names.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("earliest() and latest() require either fields as arguments "
					+ "or 'getLatestBy' in @ModelOptions of " + this.runtime.model.name() + ".");
		}
		List<OrderTerm> ordering = OrderTerm.parseAll(names, this.runtime.model);
		return firstBy(operation, latest ? OrderTerm.reverse(ordering) : ordering)
			.thenApply((row) -> row.orElseThrow(this.runtime::doesNotExist));
	}

	@Override
	public CompletableFuture<Long> count() {
		if (this.spec.empty()) {
			return CompletableFuture.completedFuture(0L);
		}
		return submit("count", () -> {
			long total = this.runtime.jpa.read((em) -> this.runtime.queries.count(em, this.spec));
			long remaining = Math.max(0, total - this.spec.offset());
			return (this.spec.limit() != null) ? Math.min(remaining, this.spec.limit()) : remaining;
		});
	}

	@Override
	public CompletableFuture<Boolean> exists() {
		if (this.spec.empty() || Integer.valueOf(0).equals(this.spec.limit())) {
			return CompletableFuture.completedFuture(false);
		}
		return submit("exists", () -> this.runtime.jpa.read((em) -> !this.runtime.queries
			.selectIds(em, this.spec, this.spec.offset(), 1)
			.getResultList()
			.isEmpty()));
	}

	@Override
	public CompletableFuture<Long> update(Map<String, ?> values) {
		requireUnsliced("update");
		Map<String, @Nullable Object> prepared = new LinkedHashMap<>();
		values.forEach((field, value) -> {
			SingularAttribute<? super T, ?> attribute = this.runtime.model.basicAttribute(field);
			prepared.put(attribute.getName(), (value instanceof F expression) ? this.runtime.compiler.expression(expression)
					: this.runtime.converter.convert(value, attribute.getJavaType(), field));
		});
		if (this.spec.empty() || prepared.isEmpty()) {
			return CompletableFuture.completedFuture(0L);
		}
		return submit("update",
				() -> (long) this.runtime.jpa.write((em) -> this.runtime.queries.update(em, this.spec, prepared)));
	}

	@Override
	public CompletableFuture<DeleteResult> delete() {
		if (this.spec.isSliced()) {
			throw new InvalidDataAccessApiUsageException("Cannot use 'limit' or 'offset' with delete().");
		}
		if (this.spec.empty()) {
			return CompletableFuture.completedFuture(new DeleteResult(0, Map.of()));
		}
		return submit("delete", () -> this.runtime.jpa.write((em) -> DeletionCounter.count(() -> {
			if (this.runtime.bulkDeletable && this.runtime.joinRows.isEmpty()) {
				DeletionCounter.add(this.runtime.model.name(), this.runtime.queries.delete(em, this.spec));
				return;
			}
			this.runtime.deleteByIds(em, this.runtime.queries.selectIds(em, this.spec, 0, null).getResultList());
		})));
	}

	@Override
	public CompletableFuture<CreateResult<T>> getOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return new CreateOperation<>(this.runtime, narrowTo(lookups), creationFields(lookups, defaults), linker())
			.getOrCreate(operationName("getOrCreate"));
	}

	@Override
	public CompletableFuture<CreateResult<T>> getOrCreate(Map<String, ?> lookups) {
		return getOrCreate(lookups, Map.of());
	}

	@Override
	public CompletableFuture<CreateResult<T>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return updateOrCreate(lookups, defaults, defaults);
	}

	@Override
	public CompletableFuture<CreateResult<T>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults,
			Map<String, ?> createDefaults) {
		return new CreateOperation<>(this.runtime, narrowTo(lookups), creationFields(lookups, createDefaults), linker())
			.updateOrCreate(operationName("updateOrCreate"), this.runtime.fields(defaults));
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

	/** The order of {@code list()}: the explicit one, else the model's default. */
	private List<OrderTerm> ordering() {
		return (this.spec.ordering() != null) ? this.spec.ordering() : this.runtime.defaultOrdering;
	}

	/** The order of {@code first()} and {@code last()}: as {@link #ordering()}, else the primary key. */
	private List<OrderTerm> orderingOrPk() {
		List<OrderTerm> ordering = ordering();
		return ordering.isEmpty() ? List.of(new OrderTerm(this.runtime.model.id().getName(), false)) : ordering;
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
	public CompletableFuture<List<T>> bulkCreate(List<T> objects) {
		return bulkCreate(objects, BulkCreateOptions.defaults());
	}

	@Override
	public CompletableFuture<List<T>> bulkCreate(List<T> objects, BulkCreateOptions options) {
		BulkInsert<T> insert = new BulkInsert<>(this.runtime, objects, options, this.scope);
		return objects.isEmpty() ? CompletableFuture.completedFuture(objects) : submit("bulkCreate", insert::execute);
	}

	@Override
	public CompletableFuture<Long> bulkUpdate(List<T> objects, String... fields) {
		return submitBulkUpdate(objects, List.of(fields), null);
	}

	@Override
	public CompletableFuture<Long> bulkUpdate(List<T> objects, List<String> fields, int batchSize) {
		return submitBulkUpdate(objects, fields, batchSize);
	}

	private CompletableFuture<Long> submitBulkUpdate(List<T> objects, List<String> fields, @Nullable Integer batchSize) {
		requireUnsliced("update");
		BulkUpdate<T> update = new BulkUpdate<>(this.runtime, this.spec, objects, fields, batchSize);
		if (objects.isEmpty() || this.spec.empty()) {
			return CompletableFuture.completedFuture(0L);
		}
		return submit("bulkUpdate", update::execute);
	}

}
