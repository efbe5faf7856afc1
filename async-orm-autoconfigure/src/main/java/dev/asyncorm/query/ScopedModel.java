package dev.asyncorm.query;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncQuerySet;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

/**
 * A model seen through a {@link QueryScope}: the querysets and the creations of a related manager.
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
public final class ScopedModel<T> {

	private final ModelRuntime<T> runtime;

	private final QueryScope<T> scope;

	private final AsyncQuerySet<T> all;

	ScopedModel(ModelRuntime<T> runtime, QueryScope<T> scope) {
		this.runtime = runtime;
		this.scope = scope;
		this.all = DefaultAsyncQuerySet.of(runtime, QuerySpec.<T>all().where(scope.condition()), scope);
	}

	/**
	 * Returns the queryset of every row in the scope.
	 * @return the queryset
	 */
	public AsyncQuerySet<T> all() {
		return this.all;
	}

	/**
	 * Inserts an entity and links it to the scope, in one transaction.
	 * @param entity the new entity
	 * @return a future of the same instance, id set
	 */
	public CompletableFuture<T> create(T entity) {
		return this.runtime.submit(this.runtime.write(null).about(this.scope.owner()), this.scope.name() + ".create",
				() -> this.runtime.jpa.write((em) -> this.runtime.insert(em, entity, this.scope.linker())));
	}

	/**
	 * Builds an entity from field values, inserts it and links it to the scope, in one transaction.
	 * @param fields field names and values; names are checked now
	 * @return a future of the new entity
	 */
	public CompletableFuture<T> create(Map<String, ?> fields) {
		Map<SingularAttribute<? super T, ?>, @Nullable Object> resolved = this.runtime.fields(fields);
		return this.runtime.submit(this.runtime.write(null).about(this.scope.owner()), this.scope.name() + ".create", () -> this.runtime.jpa.write((em) -> {
			T entity = this.runtime.model.instantiate();
			this.runtime.populate(em, entity, resolved);
			return this.runtime.insert(em, entity, this.scope.linker());
		}));
	}

}
