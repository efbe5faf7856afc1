package dev.asyncorm.query;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncQueryOperations;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.BulkCreateOptions;
import dev.asyncorm.CreateResult;
import dev.asyncorm.Q;
import dev.asyncorm.SelectForUpdateOptions;
import org.jspecify.annotations.Nullable;

/**
 * Implements every {@link AsyncQueryOperations} method by calling it on {@link #all()}: the shape
 * of a model manager, a related manager and the repository fragment, which are each a queryset
 * of every row they manage.
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
public abstract class DelegatingQueryOperations<T> implements AsyncQueryOperations<T> {

	@Override
	public AsyncQuerySet<T> none() {
		return all().none();
	}

	@Override
	public AsyncQuerySet<T> filter(String lookup, @Nullable Object value) {
		return all().filter(lookup, value);
	}

	@Override
	public AsyncQuerySet<T> filter(Q condition) {
		return all().filter(condition);
	}

	@Override
	public AsyncQuerySet<T> filter(Map<String, ?> lookups) {
		return all().filter(lookups);
	}

	@Override
	public AsyncQuerySet<T> exclude(String lookup, @Nullable Object value) {
		return all().exclude(lookup, value);
	}

	@Override
	public AsyncQuerySet<T> exclude(Q condition) {
		return all().exclude(condition);
	}

	@Override
	public AsyncQuerySet<T> exclude(Map<String, ?> lookups) {
		return all().exclude(lookups);
	}

	@Override
	public AsyncQuerySet<T> orderBy(String... fields) {
		return all().orderBy(fields);
	}

	@Override
	public AsyncQuerySet<T> reverse() {
		return all().reverse();
	}

	@Override
	public AsyncQuerySet<T> distinct() {
		return all().distinct();
	}

	@Override
	public AsyncQuerySet<T> selectRelated(String... relations) {
		return all().selectRelated(relations);
	}

	@Override
	public AsyncQuerySet<T> prefetchRelated(String... relations) {
		return all().prefetchRelated(relations);
	}

	@Override
	public AsyncQuerySet<T> only(String... fields) {
		return all().only(fields);
	}

	@Override
	public AsyncQuerySet<T> defer(String... fields) {
		return all().defer(fields);
	}

	@Override
	public AsyncQuerySet<T> timeout(Duration timeout) {
		return all().timeout(timeout);
	}

	@Override
	public AsyncQuerySet<T> using(String alias) {
		return all().using(alias);
	}

	@Override
	public AsyncQuerySet<T> selectForUpdate() {
		return all().selectForUpdate();
	}

	@Override
	public AsyncQuerySet<T> selectForUpdate(boolean nowait, boolean skipLocked) {
		return all().selectForUpdate(nowait, skipLocked);
	}

	@Override
	public AsyncQuerySet<T> selectForUpdate(SelectForUpdateOptions options) {
		return all().selectForUpdate(options);
	}

	@Override
	public AsyncQuerySet<T> slice(int start, int end) {
		return all().slice(start, end);
	}

	@Override
	public AsyncQuerySet<T> limit(int n) {
		return all().limit(n);
	}

	@Override
	public AsyncQuerySet<T> offset(int n) {
		return all().offset(n);
	}

	@Override
	public AsyncQuerySet<Map<String, Object>> values(String... fields) {
		return all().values(fields);
	}

	@Override
	public AsyncQuerySet<List<Object>> valuesList(String... fields) {
		return all().valuesList(fields);
	}

	@Override
	public <V> AsyncQuerySet<V> valuesList(String field, Class<V> type) {
		return all().valuesList(field, type);
	}

	@Override
	public <P> AsyncQuerySet<P> as(Class<P> type) {
		return all().as(type);
	}

	@Override
	public AsyncQuerySet<T> annotate(String alias, Aggregate aggregate) {
		return all().annotate(alias, aggregate);
	}

	@Override
	public CompletableFuture<Map<String, Object>> aggregate(Aggregate... aggregates) {
		return all().aggregate(aggregates);
	}

	@Override
	public CompletableFuture<List<T>> list() {
		return all().list();
	}

	@Override
	public CompletableFuture<T> get() {
		return all().get();
	}

	@Override
	public CompletableFuture<T> get(String lookup, @Nullable Object value) {
		return all().get(lookup, value);
	}

	@Override
	public CompletableFuture<T> get(Q condition) {
		return all().get(condition);
	}

	@Override
	public CompletableFuture<T> get(Map<String, ?> lookups) {
		return all().get(lookups);
	}

	@Override
	public CompletableFuture<T> item(int index) {
		return all().item(index);
	}

	@Override
	public CompletableFuture<Optional<T>> first() {
		return all().first();
	}

	@Override
	public CompletableFuture<Optional<T>> last() {
		return all().last();
	}

	@Override
	public CompletableFuture<T> latest(String... fields) {
		return all().latest(fields);
	}

	@Override
	public CompletableFuture<T> earliest(String... fields) {
		return all().earliest(fields);
	}

	@Override
	public CompletableFuture<Boolean> contains(T entity) {
		return all().contains(entity);
	}

	@Override
	public CompletableFuture<Map<Object, T>> inBulk() {
		return all().inBulk();
	}

	@Override
	public CompletableFuture<Map<Object, T>> inBulk(Collection<?> ids) {
		return all().inBulk(ids);
	}

	@Override
	public CompletableFuture<Map<Object, T>> inBulk(Collection<?> values, String field) {
		return all().inBulk(values, field);
	}

	@Override
	@SuppressWarnings("unchecked")
	public AsyncQuerySet<T> union(AsyncQuerySet<T>... others) {
		return all().union(others);
	}

	@Override
	@SuppressWarnings("unchecked")
	public AsyncQuerySet<T> unionAll(AsyncQuerySet<T>... others) {
		return all().unionAll(others);
	}

	@Override
	@SuppressWarnings("unchecked")
	public AsyncQuerySet<T> intersection(AsyncQuerySet<T>... others) {
		return all().intersection(others);
	}

	@Override
	@SuppressWarnings("unchecked")
	public AsyncQuerySet<T> difference(AsyncQuerySet<T>... others) {
		return all().difference(others);
	}

	@Override
	public AsyncQuerySet<T> and(AsyncQuerySet<T> other) {
		return all().and(other);
	}

	@Override
	public AsyncQuerySet<T> or(AsyncQuerySet<T> other) {
		return all().or(other);
	}

	@Override
	public CompletableFuture<Long> count() {
		return all().count();
	}

	@Override
	public CompletableFuture<Boolean> exists() {
		return all().exists();
	}

	@Override
	public CompletableFuture<String> explain() {
		return all().explain();
	}

	@Override
	public CompletableFuture<CreateResult<T>> getOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return all().getOrCreate(lookups, defaults);
	}

	@Override
	public CompletableFuture<CreateResult<T>> getOrCreate(Map<String, ?> lookups) {
		return all().getOrCreate(lookups);
	}

	@Override
	public CompletableFuture<CreateResult<T>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return all().updateOrCreate(lookups, defaults);
	}

	@Override
	public CompletableFuture<CreateResult<T>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults,
			Map<String, ?> createDefaults) {
		return all().updateOrCreate(lookups, defaults, createDefaults);
	}

	@Override
	public CompletableFuture<Void> forEach(Consumer<? super T> action) {
		return all().forEach(action);
	}

	@Override
	public CompletableFuture<List<T>> bulkCreate(List<T> objects) {
		return all().bulkCreate(objects);
	}

	@Override
	public CompletableFuture<List<T>> bulkCreate(List<T> objects, BulkCreateOptions options) {
		return all().bulkCreate(objects, options);
	}

	@Override
	public CompletableFuture<Long> bulkUpdate(List<T> objects, String... fields) {
		return all().bulkUpdate(objects, fields);
	}

	@Override
	public CompletableFuture<Long> bulkUpdate(List<T> objects, List<String> fields, int batchSize) {
		return all().bulkUpdate(objects, fields, batchSize);
	}

}
