package dev.asyncorm;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A model manager on one database, Django's {@code Model.objects.db_manager(alias)}: the
 * model-level writes and every queryset operation, all sent to that database instead of where the
 * routers would send them. Each method behaves as the {@link AsyncModelRepository} method of the
 * same name; only the database differs.
 *
 * @param <T> the entity type
 * @since 0.2.0
 */
public interface AsyncModelManager<T> extends AsyncQueryOperations<T> {

	/**
	 * Inserts the entity, as {@link AsyncModelRepository#create(Object)} does.
	 * @param entity the new entity
	 * @return a future of the same instance
	 */
	CompletableFuture<T> create(T entity);

	/**
	 * Builds an entity from field values and inserts it, as {@link AsyncModelRepository#create(Map)} does.
	 * @param fields field names and values
	 * @return a future of the new entity
	 */
	CompletableFuture<T> create(Map<String, ?> fields);

	/**
	 * Inserts or updates the entity, as {@link AsyncModelRepository#save(Object)} does.
	 * @param entity the entity
	 * @return a future of the same instance
	 */
	CompletableFuture<T> save(T entity);

	/**
	 * Writes only the given fields, as {@link AsyncModelRepository#save(Object, String...)} does.
	 * @param entity the entity, with its id set
	 * @param updateFields the fields to write
	 * @return a future of the same instance
	 */
	CompletableFuture<T> save(T entity, String... updateFields);

	/**
	 * Deletes the entity's row, as {@link AsyncModelRepository#delete(Object)} does.
	 * @param entity the entity, with its id set
	 * @return a future of what was deleted
	 */
	CompletableFuture<DeleteResult> delete(T entity);

	/**
	 * Reloads the entity, as {@link AsyncModelRepository#refresh(Object)} does.
	 * @param entity the entity, with its id set
	 * @return a future of the same instance
	 */
	CompletableFuture<T> refresh(T entity);

	/**
	 * The same manager on one database, Django's {@code db_manager(alias)}: its writes, reads and
	 * querysets all go there. Does no I/O.
	 * @param alias the database's alias: {@code default}, or one of {@code async-orm.databases}
	 * @return the manager
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException naming the databases when the alias is not one
	 */
	AsyncModelManager<T> dbManager(String alias);

}
