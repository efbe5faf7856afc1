package dev.asyncorm;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * An immutable, lazy Django {@code QuerySet}: building methods return a new queryset and do no
 * I/O; each terminal method runs its own query on the {@code asyncOrmExecutor} (there is no
 * result cache, so a {@code count()} after an insert sees the insert).
 *
 * @param <T> the entity type
 * @since 0.1.0
 * @see AsyncQueryOperations
 */
public interface AsyncQuerySet<T> extends AsyncQueryOperations<T> {

	/**
	 * Updates every matching row with one {@code UPDATE} statement, Django's {@code aupdate}. Values
	 * may be {@link F} expressions ({@code F.of("stock").plus(1)}). Runs in its own transaction.
	 * @param values the fields to set and their values
	 * @return a future of the number of rows matched
	 * @throws InvalidLookupException if a field is unknown
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<Long> update(Map<String, ?> values);

	/**
	 * Deletes every matching row, cascading as {@code EntityManager.remove} does, Django's
	 * {@code adelete}. One {@code DELETE} statement when the model has no cascades and no
	 * collections; otherwise the rows are loaded and removed one by one, in one transaction.
	 * @return a future of the rows deleted, per model
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<DeleteResult> delete();

}
