package dev.asyncorm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Django model manager for a JPA entity: every interface that extends this one directly is
 * found by the auto-configuration and becomes an injectable bean.
 * <pre class="code">
 * public interface PizzaRepository extends AsyncModelRepository&lt;Pizza, Long&gt; {
 *     CompletableFuture&lt;List&lt;Pizza&gt;&gt; findByNameStartingWith(String prefix); // runs async too
 * }
 * </pre>
 * It has every method of a queryset acting on {@link #all()}, except the bulk
 * {@link AsyncQuerySet#update update} and {@link AsyncQuerySet#delete() delete}, which need an
 * explicit queryset ({@code repo.all().delete()}), as in Django. Derived query methods and
 * {@code @Query} methods returning {@code CompletableFuture} run on the {@code asyncOrmExecutor}
 * too, with their transaction there. The interface must be a direct super-interface of the
 * repository: Spring Data attaches the implementation to direct super-interfaces only. An
 * interface cannot extend both this one and {@code CrudRepository}, whose {@code count()} and
 * {@code delete(T)} return plain values: keep such repositories apart.
 *
 * @param <T> the entity type
 * @param <ID> the type of the entity's id
 * @since 0.1.0
 */
public interface AsyncModelRepository<T, ID> extends Repository<T, ID>, AsyncModelManager<T> {

	/**
	 * Inserts the entity, Django's {@code acreate}; the generated id is set on the instance passed
	 * in. Always an insert: an instance whose row exists fails with
	 * {@link DataIntegrityViolationException}. One {@code INSERT} in one transaction.
	 * <p>
	 * An id set on a model whose identity column generates it ({@code GenerationType.IDENTITY}) is
	 * inserted as given, as Django inserts a preset {@code AutoField}; the identity then moves
	 * past it, so that later generated ids do not collide: on PostgreSQL with {@code setval} on
	 * the column's sequence, on H2 with {@code ALTER TABLE … RESTART WITH} (each one more
	 * statement, the second only when the identity is behind); MariaDB's {@code AUTO_INCREMENT}
	 * moves by itself. The identity never moves back, and the move outlives a rollback, as a
	 * sequence does. Such a row is written as {@code bulkCreate} writes one: nothing cascades, and
	 * a filled collection or an unsaved related object is refused. An id set on a model whose
	 * ids come from a sequence or another generator cannot be chosen and is refused.
	 * @param entity the new entity
	 * @return a future of the same instance
	 */
	CompletableFuture<T> create(T entity);

	/**
	 * Builds an entity from field values and inserts it, Django's {@code acreate(**kwargs)}. Values
	 * are converted to the fields' types where Spring's conversion service can. A to-one relation
	 * is given an instance under its name ({@code "box"}) or the related row's id under its column
	 * name ({@code "box_id"}, Django's {@code attname}); an id that names no row fails at the
	 * insert with {@code DataIntegrityViolationException}. The id is inserted as
	 * {@link #create(Object)} describes.
	 * @param fields field names and values
	 * @return a future of the new entity, id set
	 * @throws InvalidLookupException if a field is unknown
	 * @throws InvalidDataAccessApiUsageException if a value cannot be converted to its field's type
	 */
	CompletableFuture<T> create(Map<String, ?> fields);

	/**
	 * Inserts the entity when it is new, otherwise updates its row, Django's {@code asave}. An
	 * instance read with {@code only()} or {@code defer()} is updated as {@code save(entity, fields)}
	 * with the fields it was read with, as Django saves a deferred instance. On a model whose
	 * identity column generates the ids, an instance whose id names no row is inserted with that
	 * id, as Django's {@code save()} inserts when its update matched nothing (see
	 * {@link #create(Object)}).
	 * @param entity the entity
	 * @return a future of the saved entity: the instance passed in for an insert or a partly read
	 * instance, a detached copy holding the row's state for any other update
	 */
	// SUPPORTS: Spring Data would otherwise give this method the transaction of SimpleJpaRepository's
	// method of the same signature, opening it on the caller's thread around the dispatch.
	@Transactional(propagation = Propagation.SUPPORTS)
	CompletableFuture<T> save(T entity);

	/**
	 * Writes only the given fields of an existing entity with one {@code UPDATE}, Django's
	 * {@code asave(update_fields=…)}; fails with {@link ObjectDoesNotExistException} when no row
	 * was updated. A to-one relation may be named by its column ({@code "box_id"}), as Django
	 * accepts the {@code attname}.
	 * @param entity the entity, with its id set
	 * @param updateFields the fields to write
	 * @return a future of the instance passed in
	 * @throws InvalidLookupException if a field is unknown or a collection
	 * @throws InvalidDataAccessApiUsageException if the entity has no id, or was read by
	 * {@code only()}/{@code defer()} without one of the fields
	 */
	CompletableFuture<T> save(T entity, String... updateFields);

	/**
	 * Deletes the entity's row, cascading as {@code EntityManager.remove} does, Django's
	 * {@code adelete}. A row that is already gone deletes nothing.
	 * @param entity the entity, with its id set
	 * @return a future of the rows deleted, per model
	 * @throws InvalidDataAccessApiUsageException if the entity has no id
	 */
	// SUPPORTS: Spring Data would otherwise give this method the transaction of SimpleJpaRepository's
	// method of the same signature, opening it on the caller's thread around the dispatch.
	@Transactional(propagation = Propagation.SUPPORTS)
	CompletableFuture<DeleteResult> delete(T entity);

	/**
	 * Reloads the entity's fields from its row into the instance passed in, Django's
	 * {@code arefresh_from_db}.
	 * @param entity the entity, with its id set
	 * @return a future of the same instance; fails with {@link ObjectDoesNotExistException} when
	 * the row is gone
	 * @throws InvalidDataAccessApiUsageException if the entity has no id
	 */
	CompletableFuture<T> refresh(T entity);

	/**
	 * Returns the related manager of one of the owner's relations, Django's {@code pizza.toppings}
	 * or {@code box.pizza_set}: a mapped collection attribute (many-to-many from either side, or a
	 * {@code @OneToMany(mappedBy)}), or Django's default name {@code <model>_set} of a relation
	 * that another entity maps to this one without an inverse attribute. Does no I/O.
	 * @param owner the owner, with its id set
	 * @param relation the relation's name
	 * @param <R> the related entity type
	 * @return the manager
	 * @throws InvalidLookupException if the owner has no such relation, naming the ones it has
	 * @throws InvalidDataAccessApiUsageException if the owner has no id
	 */
	<R> AsyncRelatedManager<R> related(T owner, String relation);

	/**
	 * Returns the related manager of a relation named by the JPA static metamodel
	 * ({@code Pizza_.toppings}), so that the compiler checks the name and the type.
	 * @param owner the owner, with its id set
	 * @param relation the collection attribute
	 * @param <R> the related entity type
	 * @return the manager
	 */
	<R> AsyncRelatedManager<R> related(T owner, PluralAttribute<? super T, ?, R> relation);

	/**
	 * Reads the object of a forward to-one relation, Django's {@code await pizza.abox}, with one
	 * {@code SELECT}.
	 * @param owner the owner, with its id set
	 * @param relation the many-to-one or one-to-one attribute's name
	 * @param <R> the related entity type
	 * @return a future of the related object, empty when the key is null; fails with
	 * {@link ObjectDoesNotExistException} when the owner's row is gone
	 * @throws InvalidLookupException if the owner has no such to-one relation
	 */
	<R> CompletableFuture<Optional<R>> relatedObject(T owner, String relation);

	/**
	 * Reads the object of a forward to-one relation named by the JPA static metamodel.
	 * @param owner the owner, with its id set
	 * @param relation the to-one attribute
	 * @param <R> the related entity type
	 * @return a future of the related object, empty when the key is null
	 */
	<R> CompletableFuture<Optional<R>> relatedObject(T owner, SingularAttribute<? super T, R> relation);

}
