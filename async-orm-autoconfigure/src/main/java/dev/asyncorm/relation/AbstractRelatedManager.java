package dev.asyncorm.relation;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.query.DelegatingQueryOperations;
import dev.asyncorm.query.ScopedModel;

/**
 * The part of every related manager that is a queryset of the owner's members: each queryset
 * method acts on the scoped queryset, and {@code create} inserts and relates in one transaction.
 *
 * @param <R> the related entity type
 */
abstract class AbstractRelatedManager<R> extends DelegatingQueryOperations<R> implements AsyncRelatedManager<R> {

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
		Set<Object> ids = this.context.idsOf(objects, "set", "save it first");
		this.context.allowed(objects, "set");
		return setIds(ids, clear);
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

	/**
	 * The members, answered without a query from the rows {@code prefetchRelated} read with the
	 * owner instance for a relation its model does not map ({@code story_set}), as Django answers
	 * {@code reporter.story_set.all()} from its prefetch cache; otherwise read from the database.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public CompletableFuture<List<R>> list() {
		List<R> prefetched = (List<R>) this.context.prefetched;
		return (prefetched != null) ? CompletableFuture.completedFuture(prefetched) : super.list();
	}

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
	public CompletableFuture<Long> update(Map<String, ?> values) {
		return this.scoped.all().update(values);
	}

	@Override
	public CompletableFuture<DeleteResult> delete() {
		return this.scoped.all().delete();
	}

	@Override
	public Flow.Publisher<R> iterator() {
		return all().iterator();
	}

	@Override
	public Flow.Publisher<R> iterator(int chunkSize) {
		return all().iterator(chunkSize);
	}

}
