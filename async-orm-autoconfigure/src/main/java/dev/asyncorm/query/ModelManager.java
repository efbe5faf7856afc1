package dev.asyncorm.query;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncModelManager;
import dev.asyncorm.AsyncModelRepository;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.Q;
import dev.asyncorm.execution.Route;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * What {@link AsyncModelRepository} does for one repository, relations aside: the model-level writes
 * ({@code create}, {@code save}, {@code delete}, {@code refresh}) and every query operation on
 * {@link #all()}.
 *
 * @param <T> the entity type
 */
public final class ModelManager<T> extends DelegatingQueryOperations<T> implements AsyncModelManager<T> {

	private final ModelRuntime<T> runtime;

	private final AsyncQuerySet<T> all;

	/** The database every operation goes to, Django's {@code db_manager(alias)}; {@code null}: as routed. */
	private final @Nullable String database;

	ModelManager(ModelRuntime<T> runtime) {
		this(runtime, null);
	}

	private ModelManager(ModelRuntime<T> runtime, @Nullable String database) {
		this.runtime = runtime;
		this.database = database;
		this.all = DefaultAsyncQuerySet.of(runtime, (database != null) ? QuerySpec.<T>all().database(database)
				: QuerySpec.all(), null);
	}

	@Override
	public ModelManager<T> dbManager(String alias) {
		return new ModelManager<>(this.runtime, this.runtime.database(alias));
	}

	private Route write() {
		return this.runtime.write(this.database);
	}

	/**
	 * Inserts the entity, as {@link AsyncModelRepository#create(Object)} describes.
	 * @param entity the entity
	 * @return a future of the result
	 */
	public CompletableFuture<T> create(T entity) {
		return this.runtime.submit(write().about(entity), "create",
				() -> this.runtime.jpa.write((em) -> this.runtime.insert(em, entity, null)));
	}

	/**
	 * Builds and inserts an entity, as {@link AsyncModelRepository#create(Map)} describes.
	 * @param fields the fields
	 * @return a future of the result
	 */
	public CompletableFuture<T> create(Map<String, ?> fields) {
		Map<SingularAttribute<? super T, ?>, @Nullable Object> resolved = this.runtime.fields(fields);
		return this.runtime.submit(write(), "create", () -> this.runtime.jpa.write((em) -> {
			T entity = this.runtime.model.instantiate();
			this.runtime.populate(em, entity, resolved);
			return this.runtime.insert(em, entity, null);
		}));
	}

	/**
	 * Inserts or updates, as {@link AsyncModelRepository#save(Object)} describes.
	 * @param entity the entity
	 * @return a future of the result
	 */
	public CompletableFuture<T> save(T entity) {
		List<String> deferredSave = this.runtime.deferredFields.toSave(entity);
		if (deferredSave != null) {
			return save(entity, deferredSave.toArray(String[]::new));
		}
		return this.runtime.submit(write().about(entity), "save", () -> this.runtime.jpa.write((em) -> {
			if (this.runtime.entityInformation.isNew(entity)) {
				em.persist(entity);
				return entity;
			}
			// Django's save(): an update, else an insert with the id; the row read here serves merge().
			if (this.runtime.identityId() && em.find(this.runtime.model.javaType(), this.runtime.model.idOf(entity)) == null) {
				return this.runtime.insert(em, entity, null);
			}
			T merged = em.merge(entity);
			this.runtime.wroteTo(entity);
			return merged;
		}));
	}

	/**
	 * Writes the given fields, as {@link AsyncModelRepository#save(Object, String...)} describes.
	 * @param entity the entity
	 * @param updateFields the updateFields
	 * @return a future of the result
	 */
	public CompletableFuture<T> save(T entity, String... updateFields) {
		Object id = this.runtime.model.idOf(entity);
		if (id == null) {
			throw new InvalidDataAccessApiUsageException("Cannot force an update in save() with no primary key.");
		}
		this.runtime.deferredFields.requireWritable(entity, List.of(updateFields), "save");
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (String field : updateFields) {
			SingularAttribute<? super T, ?> attribute = this.runtime.model.writableAttribute(field);
			values.put(attribute.getName(), EntityAttributes.get(entity, attribute));
		}
		if (values.isEmpty()) {
			return CompletableFuture.completedFuture(entity);
		}
		QuerySpec<T> row = byId(id);
		return this.runtime.submit(write().about(entity), "save", () -> {
			int updated = this.runtime.jpa.write((em) -> this.runtime.queries.update(em, row, values));
			if (updated == 0) {
				throw new ObjectDoesNotExistException("Save with update fields " + Arrays.toString(updateFields)
						+ " did not affect any rows: no " + this.runtime.model.name() + " with id " + id + ".");
			}
			this.runtime.wroteTo(entity);
			return entity;
		});
	}

	/**
	 * Deletes the entity's row, as {@link AsyncModelRepository#delete(Object)} describes.
	 * @param entity the entity
	 * @return a future of the result
	 */
	public CompletableFuture<DeleteResult> delete(T entity) {
		Object id = this.runtime.requireId(entity, "deleted");
		return this.runtime.submit(write().about(entity), "delete", () -> this.runtime.jpa
			.write((em) -> DeletionCounter.count(() -> this.runtime.deleteByIds(em, QuerySpec.all(), List.of(id)))));
	}

	/**
	 * Reloads the entity, as {@link AsyncModelRepository#refresh(Object)} describes.
	 * @param entity the entity
	 * @return a future of the result
	 */
	public CompletableFuture<T> refresh(T entity) {
		Object id = this.runtime.requireId(entity, "refreshed");
		return this.runtime.submit(this.runtime.read(this.database).about(entity), "refresh", () -> {
			T fresh = this.runtime.find(id);
			for (Attribute<? super T, ?> attribute : this.runtime.model.attributes()) {
				EntityAttributes.set(entity, attribute, EntityAttributes.get(fresh, attribute));
			}
			this.runtime.loadedFields.forget(entity);
			return entity;
		});
	}

	private QuerySpec<T> byId(Object id) {
		return QuerySpec.<T>all().where(this.runtime.compiler.compile(Q.of("pk", id)));
	}

	@Override
	public AsyncQuerySet<T> all() {
		return this.all;
	}

}
