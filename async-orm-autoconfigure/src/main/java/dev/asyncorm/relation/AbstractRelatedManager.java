package dev.asyncorm.relation;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.CreateResult;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.Q;
import dev.asyncorm.query.ScopedModel;
import org.jspecify.annotations.Nullable;

/**
 * The part of every related manager that is a queryset of the owner's members: each queryset
 * method acts on the scoped queryset, and {@code create} inserts and relates in one transaction.
 *
 * @param <R> the related entity type
 */
abstract class AbstractRelatedManager<R> implements AsyncRelatedManager<R> {

	final RelationContext context;

	final ScopedModel<R> scoped;

	AbstractRelatedManager(RelationContext context, ScopedModel<R> scoped) {
		this.context = context;
		this.scoped = scoped;
	}

	@Override
	@SafeVarargs
	public final CompletableFuture<Void> add(R... objects) {
		return add(Arrays.asList(objects), true);
	}

	@Override
	@SafeVarargs
	public final CompletableFuture<Void> remove(R... objects) {
		return removeIds(this.context.idsOf(Arrays.asList(objects), "remove", null));
	}

	@Override
	public CompletableFuture<Void> set(Collection<? extends R> objects) {
		return set(objects, false);
	}

	@Override
	public CompletableFuture<Void> set(Collection<? extends R> objects, boolean clear) {
		return setIds(this.context.idsOf(objects, "set", "save it first"), clear);
	}

	@Override
	public CompletableFuture<Void> setIds(Collection<?> ids) {
		return setIds(this.context.ids(ids), false);
	}

	/**
	 * Makes these ids the members, clearing first or applying the difference.
	 * @param targets the ids of the new members, normalised
	 * @param clear whether to clear the relation first
	 * @return a future completed when the relation is written
	 */
	abstract CompletableFuture<Void> setIds(Set<Object> targets, boolean clear);

	@Override
	public CompletableFuture<R> create(R object) {
		return this.scoped.create(object);
	}

	@Override
	public CompletableFuture<R> create(Map<String, ?> fields) {
		return this.scoped.create(fields);
	}

	@Override
	public AsyncQuerySet<R> all() {
		return this.scoped.all().all();
	}

	@Override
	public AsyncQuerySet<R> none() {
		return this.scoped.all().none();
	}

	@Override
	public AsyncQuerySet<R> filter(String lookup, @Nullable Object value) {
		return this.scoped.all().filter(lookup, value);
	}

	@Override
	public AsyncQuerySet<R> filter(Q condition) {
		return this.scoped.all().filter(condition);
	}

	@Override
	public AsyncQuerySet<R> filter(Map<String, ?> lookups) {
		return this.scoped.all().filter(lookups);
	}

	@Override
	public AsyncQuerySet<R> exclude(String lookup, @Nullable Object value) {
		return this.scoped.all().exclude(lookup, value);
	}

	@Override
	public AsyncQuerySet<R> exclude(Q condition) {
		return this.scoped.all().exclude(condition);
	}

	@Override
	public AsyncQuerySet<R> exclude(Map<String, ?> lookups) {
		return this.scoped.all().exclude(lookups);
	}

	@Override
	public AsyncQuerySet<R> orderBy(String... fields) {
		return this.scoped.all().orderBy(fields);
	}

	@Override
	public AsyncQuerySet<R> slice(int start, int end) {
		return this.scoped.all().slice(start, end);
	}

	@Override
	public AsyncQuerySet<R> limit(int n) {
		return this.scoped.all().limit(n);
	}

	@Override
	public AsyncQuerySet<R> offset(int n) {
		return this.scoped.all().offset(n);
	}

	@Override
	public CompletableFuture<List<R>> list() {
		return this.scoped.all().list();
	}

	@Override
	public CompletableFuture<R> get() {
		return this.scoped.all().get();
	}

	@Override
	public CompletableFuture<R> get(String lookup, @Nullable Object value) {
		return this.scoped.all().get(lookup, value);
	}

	@Override
	public CompletableFuture<R> get(Q condition) {
		return this.scoped.all().get(condition);
	}

	@Override
	public CompletableFuture<R> get(Map<String, ?> lookups) {
		return this.scoped.all().get(lookups);
	}

	@Override
	public CompletableFuture<R> item(int index) {
		return this.scoped.all().item(index);
	}

	@Override
	public CompletableFuture<Optional<R>> first() {
		return this.scoped.all().first();
	}

	@Override
	public CompletableFuture<Optional<R>> last() {
		return this.scoped.all().last();
	}

	@Override
	public CompletableFuture<R> latest(String... fields) {
		return this.scoped.all().latest(fields);
	}

	@Override
	public CompletableFuture<R> earliest(String... fields) {
		return this.scoped.all().earliest(fields);
	}

	@Override
	public CompletableFuture<Long> count() {
		return this.scoped.all().count();
	}

	@Override
	public CompletableFuture<Boolean> exists() {
		return this.scoped.all().exists();
	}

	@Override
	public CompletableFuture<CreateResult<R>> getOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return this.scoped.all().getOrCreate(lookups, defaults);
	}

	@Override
	public CompletableFuture<CreateResult<R>> getOrCreate(Map<String, ?> lookups) {
		return this.scoped.all().getOrCreate(lookups);
	}

	@Override
	public CompletableFuture<CreateResult<R>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults) {
		return this.scoped.all().updateOrCreate(lookups, defaults);
	}

	@Override
	public CompletableFuture<CreateResult<R>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults, Map<String, ?> createDefaults) {
		return this.scoped.all().updateOrCreate(lookups, defaults, createDefaults);
	}

	@Override
	public CompletableFuture<Long> update(Map<String, ?> values) {
		return this.scoped.all().update(values);
	}

	@Override
	public CompletableFuture<DeleteResult> delete() {
		return this.scoped.all().delete();
	}

}
