package dev.asyncorm;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Django's related manager ({@code pizza.toppings}, {@code box.pizza_set}): a queryset of the
 * owner's related rows, plus the operations that change the relation. Every change runs in one
 * transaction on the {@code asyncOrmExecutor} (unless inside {@link AsyncOrm#atomic}) and touches
 * only the rows it must: it never loads the relation's members, so its cost does not grow with
 * their number. A failure leaves the relation unchanged.
 * <p>
 * Many-to-many: {@code add} is idempotent, {@code remove} of an unrelated object does nothing,
 * nothing is deleted but join rows, and primary keys are accepted ({@code addIds}, …). Reverse
 * foreign key: {@code add} re-points the children (moving them from another owner);
 * {@code remove} and {@code clear} set the key to null and exist only when it is nullable; removing
 * a child of another owner fails with {@link ObjectDoesNotExistException}.
 *
 * @param <R> the related entity type
 * @since 0.1.0
 */
public interface AsyncRelatedManager<R> extends AsyncQuerySet<R> {

	/**
	 * Relates the objects to the owner, Django's {@code aadd}.
	 * @param objects saved instances of the related type
	 * @return a future completed when the relation is written
	 * @throws InvalidDataAccessApiUsageException if an object is of another type or, for a
	 * many-to-many relation, not saved
	 */
	@SuppressWarnings("unchecked")
	CompletableFuture<Void> add(R... objects);

	/**
	 * Relates the objects to the owner; with {@code bulk = false} a reverse foreign key saves each
	 * child, inserting the unsaved ones, instead of one {@code UPDATE}.
	 * @param objects instances of the related type
	 * @param bulk whether children must be saved already and are re-pointed with one statement
	 * @return a future completed when the relation is written
	 */
	CompletableFuture<Void> add(Collection<? extends R> objects, boolean bulk);

	/**
	 * Relates the rows of these primary keys to the owner.
	 * @param ids primary keys of the related type
	 * @return a future completed when the relation is written
	 */
	CompletableFuture<Void> addIds(Collection<?> ids);

	/**
	 * Unrelates the objects from the owner, Django's {@code aremove}.
	 * @param objects instances of the related type
	 * @return a future completed when the relation is written; for a reverse foreign key, fails
	 * with {@link ObjectDoesNotExistException} when an object is not related to the owner
	 * @throws InvalidDataAccessApiUsageException for a reverse foreign key that is not nullable
	 */
	@SuppressWarnings("unchecked")
	CompletableFuture<Void> remove(R... objects);

	/**
	 * Unrelates the rows of these primary keys from the owner.
	 * @param ids primary keys of the related type
	 * @return a future completed when the relation is written
	 */
	CompletableFuture<Void> removeIds(Collection<?> ids);

	/**
	 * Unrelates every member, Django's {@code aclear}; deletes no member.
	 * @return a future completed when the relation is written
	 * @throws InvalidDataAccessApiUsageException for a reverse foreign key that is not nullable
	 */
	CompletableFuture<Void> clear();

	/**
	 * Makes the given objects the members, applying the difference, Django's {@code aset}; with a
	 * reverse foreign key that is not nullable it can only add.
	 * @param objects the new members
	 * @return a future completed when the relation is written
	 */
	CompletableFuture<Void> set(Collection<? extends R> objects);

	/**
	 * Makes the given objects the members, clearing first when {@code clear} is true.
	 * @param objects the new members
	 * @param clear whether to clear the relation and add them all, instead of applying the difference
	 * @return a future completed when the relation is written
	 */
	CompletableFuture<Void> set(Collection<? extends R> objects, boolean clear);

	/**
	 * Makes the rows of these primary keys the members, applying the difference.
	 * @param ids primary keys of the related type
	 * @return a future completed when the relation is written
	 */
	CompletableFuture<Void> setIds(Collection<?> ids);

	/**
	 * Inserts a new related object and relates it, in one transaction, Django's {@code acreate}.
	 * @param object the new object
	 * @return a future of the same instance, id set
	 */
	CompletableFuture<R> create(R object);

	/**
	 * Builds a related object from field values, inserts it and relates it, in one transaction.
	 * @param fields field names and values
	 * @return a future of the new object
	 * @throws InvalidLookupException if a field is unknown
	 */
	CompletableFuture<R> create(Map<String, ?> fields);

	/**
	 * Returns a manager whose additions fill these columns of the explicit join entity, Django's
	 * {@code through_defaults}. An empty map is allowed on a plain join table and changes nothing.
	 * @param defaults join-entity field names and values
	 * @return the manager
	 * @throws InvalidDataAccessApiUsageException if the relation has no join entity with such fields
	 */
	AsyncRelatedManager<R> through(Map<String, ?> defaults);

}
