package dev.asyncorm.query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.CreateResult;
import dev.asyncorm.execution.Route;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Django's race-safe {@code get_or_create} and {@code update_or_create}: one transaction that
 * reads, then inserts; when the insert violates a unique constraint because another caller won
 * the race, the row is read again in a fresh transaction. The first read takes no lock: a locking
 * read of a missing row takes gap locks on MySQL and MariaDB, on which concurrent inserts
 * deadlock; a found row is locked ({@code FOR UPDATE}) before it is updated.
 *
 * @param <T> the entity type
 */
final class CreateOperation<T> {

	private final ModelRuntime<T> runtime;

	/** Where it runs: a write of the model, on the queryset's database or as routed for its scope's owner. */
	private final Route route;

	private final QuerySpec<T> lookup;

	private final Map<SingularAttribute<? super T, ?>, @Nullable Object> creationFields;

	private final QueryScope.@Nullable Linker<T> linker;

	CreateOperation(ModelRuntime<T> runtime, Route route, QuerySpec<T> lookup,
			Map<SingularAttribute<? super T, ?>, @Nullable Object> creationFields, QueryScope.@Nullable Linker<T> linker) {
		this.runtime = runtime;
		this.route = route;
		this.lookup = lookup;
		this.creationFields = creationFields;
		this.linker = linker;
	}

	CompletableFuture<CreateResult<T>> getOrCreate(String operation) {
		return this.runtime.submit(this.route, operation, () -> {
			try {
				return this.runtime.jpa.write((em) -> {
					T found = find(em, false);
					return (found != null) ? new CreateResult<>(found, false) : new CreateResult<>(insert(em), true);
				});
			}
			catch (RuntimeException ex) {
				T winner = afterConflict(ex, (em) -> find(em, false));
				return new CreateResult<>(winner, false);
			}
		});
	}

	CompletableFuture<CreateResult<T>> updateOrCreate(String operation,
			Map<SingularAttribute<? super T, ?>, @Nullable Object> updates) {
		return this.runtime.submit(this.route, operation, () -> {
			try {
				return this.runtime.jpa.write((em) -> {
					T found = find(em, false);
					if (found == null) {
						return new CreateResult<>(insert(em), true);
					}
					em.refresh(found, LockModeType.PESSIMISTIC_WRITE);
					return new CreateResult<>(update(em, found, updates), false);
				});
			}
			catch (RuntimeException ex) {
				T winner = afterConflict(ex, (em) -> {
					T found = find(em, true);
					return (found != null) ? update(em, found, updates) : null;
				});
				return new CreateResult<>(winner, false);
			}
		});
	}

	/** On a unique violation, runs the read again in a fresh transaction; otherwise rethrows. */
	private T afterConflict(RuntimeException ex, java.util.function.Function<EntityManager, @Nullable T> read) {
		Throwable translated = this.runtime.exceptions.translate(ex);
		if (!(translated instanceof DataIntegrityViolationException)) {
			throw ex;
		}
		T winner = this.runtime.jpa.writeInNewTransaction(read);
		if (winner == null) {
			throw (DataIntegrityViolationException) translated;
		}
		return winner;
	}

	private @Nullable T find(EntityManager em, boolean lock) {
		List<T> rows = lock ? this.runtime.queries.selectForUpdate(em, this.lookup, ModelRuntime.MAX_GET_RESULTS)
				: this.runtime.queries.select(em, this.lookup, List.of(), 0, ModelRuntime.MAX_GET_RESULTS).getResultList();
		return rows.isEmpty() ? null : this.runtime.single(rows);
	}

	private T insert(EntityManager em) {
		T entity = this.runtime.model.instantiate();
		this.runtime.populate(em, entity, this.creationFields);
		return this.runtime.insert(em, entity, this.linker);
	}

	private T update(EntityManager em, T entity, Map<SingularAttribute<? super T, ?>, @Nullable Object> updates) {
		this.runtime.populate(em, entity, updates);
		em.flush();
		return entity;
	}

}
