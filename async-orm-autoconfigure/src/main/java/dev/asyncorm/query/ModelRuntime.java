package dev.asyncorm.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.asyncorm.MultipleObjectsReturnedException;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.Q;
import dev.asyncorm.execution.DatabaseAlias;
import dev.asyncorm.execution.Databases;
import dev.asyncorm.execution.JpaAccess;
import dev.asyncorm.execution.OperationDispatcher;
import dev.asyncorm.execution.PersistenceExceptions;
import dev.asyncorm.execution.Route;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Nulls;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.dialect.NullOrdering;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.jpa.repository.support.JpaEntityInformation;
import org.springframework.data.jpa.repository.support.JpaEntityInformationSupport;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.util.ClassUtils;

/**
 * Everything the querysets and the manager of one repository share: the model, the compiler,
 * the statements, the dispatcher and the repository's name for the metrics.
 *
 * @param <T> the entity type
 */
final class ModelRuntime<T> {

	static final int MAX_GET_RESULTS = 21;

	/** Values per {@code IN} list when deleting or reading by id, well below every driver's parameter limit. */
	static final int IN_CHUNK = 1000;

	final ModelInfo<T> model;

	final LookupCompiler<T> compiler;

	final ValueConverter converter;

	final CriteriaQueries<T> queries;

	final JpaAccess jpa;

	final Explainer explainer;

	final PersistenceExceptions exceptions;

	final JpaEntityInformation<T, ?> entityInformation;

	final List<OrderTerm> defaultOrdering;

	/**
	 * The rows a delete takes with the model's rows, followed with bulk statements; {@code null}
	 * when a removal needs {@code EntityManager.remove} (an owned collection other than a join
	 * table, or a cascade this graph cannot follow).
	 */
	final @Nullable CascadeModel cascade;

	/** The many-to-many join rows that reference this model's rows, deleted before them. */
	final JoinRows joinRows;

	/** Where the database orders {@code NULL}s, which a keyset iteration follows. */
	final NullOrdering nullOrdering;

	/** The fields of the instances read with {@code only()} or {@code defer()}, for the whole persistence unit. */
	final LoadedFields loadedFields;

	/** What writes may do with those instances. */
	final DeferredFields<T> deferredFields;

	/** The rows prefetched for relations the instances cannot hold, for the whole persistence unit. */
	final PrefetchedRows prefetchedRows;

	/** The application's defaults: chunk size, batch size, statement timeout. */
	final QuerySettings settings;

	private final OperationDispatcher dispatcher;

	/** The routes of the reads and writes that name no database, which nearly every operation takes. */
	private final Route routedRead;

	private final Route routedWrite;

	/** Hibernate's mapping of the model. */
	private final EntityPersister persister;

	private final String repositoryName;

	/** Whether the database generates the ids, on insert (an identity column). */
	private final boolean identityId;

	ModelRuntime(ModelInfo<T> model, PathResolver paths, LoadedFields loadedFields, PrefetchedRows prefetchedRows,
			JpaAccess jpa, OperationDispatcher dispatcher, PersistenceExceptions exceptions, String repositoryName,
			QuerySettings settings) {
		this.model = model;
		this.loadedFields = loadedFields;
		this.prefetchedRows = prefetchedRows;
		this.converter = ValueConverter.INSTANCE;
		this.compiler = new LookupCompiler<>(model, paths, this.converter);
		SessionFactoryImplementor sessionFactory = jpa.entityManagerFactory().unwrap(SessionFactoryImplementor.class);
		this.nullOrdering = nullOrdering(sessionFactory);
		MappingMetamodel mapping = sessionFactory.getMappingMetamodel();
		this.queries = new CriteriaQueries<>(model, new TupleEntities<>(model, sessionFactory, this.loadedFields),
				new RowLockClause<>(model, sessionFactory), settings.timeout());
		this.jpa = jpa;
		this.explainer = new Explainer(jpa.entityManagerFactory());
		this.dispatcher = dispatcher;
		this.routedRead = Route.read(model.javaType(), null);
		this.routedWrite = Route.write(model.javaType(), null);
		this.exceptions = exceptions;
		this.repositoryName = repositoryName;
		this.settings = settings;
		this.entityInformation = JpaEntityInformationSupport.getEntityInformation(model.javaType(),
				jpa.entityManagerFactory().getMetamodel(), jpa.entityManagerFactory().getPersistenceUnitUtil());
		this.defaultOrdering = OrderTerm.parseAll(model.ordering(), this.compiler, Map.of());
		EntityPersister persister = mapping.getEntityDescriptor(model.javaType());
		this.persister = persister;
		this.identityId = InsertTable.IdSource.of(persister.getGenerator()) == InsertTable.IdSource.DATABASE;
		this.joinRows = JoinRows.of(mapping, model.javaType());
		this.deferredFields = new DeferredFields<>(model, loadedFields, persister);
		this.cascade = CascadeModel.of(mapping, model.javaType());
	}

	/** Whether the database generates the ids, on insert (an identity column). */
	boolean identityId() {
		return this.identityId;
	}

	/** Hibernate's mapping of the model: its tables and columns. */
	EntityPersister persister() {
		return this.persister;
	}

	/** Where {@code ORDER BY} puts {@code NULL}s: Hibernate's {@code default_null_ordering}, else the database's. */
	private static NullOrdering nullOrdering(SessionFactoryImplementor sessionFactory) {
		Nulls configured = sessionFactory.getSessionFactoryOptions().getDefaultNullPrecedence();
		if (configured == Nulls.FIRST) {
			return NullOrdering.FIRST;
		}
		if (configured == Nulls.LAST) {
			return NullOrdering.LAST;
		}
		return sessionFactory.getJdbcServices().getDialect().getNullOrdering();
	}

	/** Whether a delete is one {@code DELETE} statement: nothing goes with the rows, no join rows reference them. */
	boolean deletesAlone() {
		return this.cascade != null && this.cascade.isLeaf();
	}

	/**
	 * Deletes the rows of these ids in the current transaction with the rows that go with them
	 * (join rows, cascades, orphans, {@code ON DELETE CASCADE} children), counted by the open
	 * {@link DeletionCounter}: with one statement per model along the {@link #cascade} graph, else
	 * with {@code EntityManager.remove}. The statements have the timeout of the queryset
	 * {@code deleting}, except those of Hibernate's cascades.
	 */
	void deleteByIds(EntityManager em, QuerySpec<T> deleting, List<?> ids) {
		if (this.cascade != null) {
			new CascadeDeletion(em, (query) -> this.queries.timed(query, deleting)).delete(this.cascade, ids);
			return;
		}
		Batches.split(ids, IN_CHUNK).forEach((chunk) -> removeChunk(em, deleting, chunk));
	}

	private void removeChunk(EntityManager em, QuerySpec<T> deleting, List<?> ids) {
		this.joinRows.delete(em, ids, (query) -> this.queries.timed(query, deleting));
		QuerySpec<T> all = (deleting.timeout() != null) ? QuerySpec.<T>all().timeout(deleting.timeout()) : QuerySpec.all();
		this.queries.rows(em, all.where(this.compiler.compile(Q.of("pk__in", ids))), List.of(), 0, null).forEach(em::remove);
		em.flush();
	}

	/**
	 * Runs a read of rows: one statement in autocommit, or, to prefetch relations into the same
	 * persistence context, a read-only transaction.
	 */
	<V> V readRows(boolean prefetching, Function<EntityManager, V> work) {
		if (!prefetching) {
			return this.jpa.read(work);
		}
		DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();
		readOnly.setReadOnly(true);
		return this.jpa.transaction(readOnly).execute((status) -> this.jpa.read(work));
	}

	/**
	 * Loads a relation of the rows read in this persistence context: into the instances when the
	 * model maps it, else into {@link #prefetchedRows} ({@code story_set}).
	 */
	void prefetch(EntityManager em, QuerySpec<T> spec, List<T> rows, String relation) {
		Hop unmapped = this.compiler.unmappedSet(relation);
		if (unmapped != null) {
			new UnmappedPrefetch<>(this.model, this.queries, this.prefetchedRows).prefetch(em, spec, rows, relation,
					unmapped);
		}
		else {
			this.queries.prefetch(em, spec, rows, relation);
		}
	}

	<R> CompletableFuture<R> submit(Route route, String operation, Callable<R> work) {
		return this.dispatcher.submit(route, this.repositoryName, operation, work);
	}

	/** A read of the model, on the database named with {@code using} ({@code null}: as routed). */
	Route read(@Nullable String database) {
		return (database != null) ? Route.read(this.model.javaType(), database) : this.routedRead;
	}

	/** A write of the model, on the database named with {@code using} ({@code null}: as routed). */
	Route write(@Nullable String database) {
		return (database != null) ? Route.write(this.model.javaType(), database) : this.routedWrite;
	}

	/**
	 * Records the database an instance was just written to, as Django sets
	 * {@code instance._state.db} on save: Hibernate's events see the managed copy that
	 * {@code merge} makes, and a bulk {@code UPDATE} none.
	 */
	void wroteTo(Object instance) {
		Databases databases = this.dispatcher.databases();
		String alias = DatabaseAlias.current();
		if (databases.several() && alias != null) {
			databases.remember(instance, alias);
		}
	}

	/**
	 * Checks a database named with {@code using}.
	 * @throws InvalidDataAccessApiUsageException naming the databases when it is not one
	 */
	String database(String alias) {
		return this.dispatcher.databases().known(alias);
	}

	/**
	 * Inserts an entity, linking it to a scope when there is one, and flushes so that conflicts
	 * surface here. An id set on a model whose identity column generates it is inserted as given,
	 * as Django's {@code create(pk=…)}.
	 * @throws DataIntegrityViolationException when the id of a model with a generated id that is
	 * not an identity is taken
	 * @throws InvalidDataAccessApiUsageException when such an id is free, as it cannot be chosen
	 */
	T insert(EntityManager em, T entity, QueryScope.@Nullable Linker<T> linker) {
		if (linker != null) {
			linker.beforeInsert(entity);
		}
		Object presetId = this.model.idGenerated() ? this.model.idOf(entity) : null;
		if (presetId != null && this.identityId) {
			new BulkInsert<>(this, entity, "create").insert(em);
		}
		else if (presetId != null) {
			throw presetGeneratedId(em, presetId);
		}
		else {
			em.persist(entity);
		}
		if (linker != null) {
			linker.afterInsert(em, entity);
		}
		em.flush();
		wroteTo(entity);
		return entity;
	}

	/** A generated id that is not an identity cannot be chosen: say why the insert cannot happen. */
	private RuntimeException presetGeneratedId(EntityManager em, Object id) {
		String name = this.model.name();
		if (em.find(this.model.javaType(), id) != null) {
			return new DataIntegrityViolationException(name + " with id " + id + " already exists.");
		}
		return new InvalidDataAccessApiUsageException(name + " has a generated id: create() cannot insert it with id "
				+ id + " set; clear the id, or use save() to update an existing row.");
	}

	/**
	 * The primary key a {@code get(lookup, value)} asks for, converted to the id's type, when the
	 * lookup compares the primary key and the value is a plain key; else {@code null}, and the
	 * lookup runs as a filter. Like a filter, a value of the wrong type fails here.
	 */
	@Nullable Object primaryKey(String lookup, @Nullable Object value) {
		Class<?> idType = this.model.id().getJavaType();
		boolean plainKey = value instanceof Number || value instanceof CharSequence
				|| ClassUtils.resolvePrimitiveIfNecessary(idType).isInstance(value);
		if (!plainKey || !this.model.isPrimaryKeyLookup(lookup)) {
			return null;
		}
		return this.converter.convert(value, idType, lookup);
	}

	/**
	 * Reads one row by primary key through Hibernate's load by id, whose SQL is prepared once per
	 * entity: Django's {@code get(pk=...)}, which cannot match more than one row.
	 */
	T find(Object id) {
		T row = this.jpa.read((em) -> em.find(this.model.javaType(), id));
		if (row == null) {
			throw doesNotExist();
		}
		return row;
	}

	/** Django's {@code get()} over rows read with a limit of 21. */
	<R> R single(List<R> rows) {
		if (rows.size() == 1) {
			return rows.get(0);
		}
		if (rows.isEmpty()) {
			throw doesNotExist();
		}
		String count = (rows.size() >= MAX_GET_RESULTS) ? "more than " + (MAX_GET_RESULTS - 1) : String.valueOf(rows.size());
		throw new MultipleObjectsReturnedException(
				"get() returned more than one " + this.model.name() + " -- it returned " + count + "!", rows.size());
	}

	ObjectDoesNotExistException doesNotExist() {
		return new ObjectDoesNotExistException(this.model.name() + " matching query does not exist.");
	}

	Object requireId(T entity, String action) {
		Object id = this.model.idOf(entity);
		if (id == null) {
			throw new InvalidDataAccessApiUsageException(
					this.model.name() + " object can't be " + action + " because its id is null.");
		}
		return id;
	}

	/**
	 * Resolves field values for a new or updated row: names are checked now, values converted now,
	 * except {@code Supplier}s, which are called only when the row is written. A relation named by
	 * its column ({@code box_id}) takes the related row's id.
	 */
	Map<SingularAttribute<? super T, ?>, @Nullable Object> fields(Map<String, ?> values) {
		Map<SingularAttribute<? super T, ?>, @Nullable Object> fields = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			boolean deferred = value instanceof Supplier<?>;
			SingularAttribute<? super T, ?> relation = this.model.relationByColumnName(name);
			if (relation != null) {
				fields.put(relation, deferred ? (Supplier<?>) () -> RelatedReference.byId(relation,
						((Supplier<?>) value).get(), name) : RelatedReference.byId(relation, value, name));
				return;
			}
			SingularAttribute<? super T, ?> attribute = this.model.writableAttribute(name);
			fields.put(attribute, deferred ? value : convert(null, attribute, value));
		});
		return fields;
	}

	/** Writes resolved field values onto an entity, calling deferred suppliers. */
	void populate(EntityManager em, T entity, Map<SingularAttribute<? super T, ?>, @Nullable Object> fields) {
		fields.forEach((attribute, value) -> EntityAttributes.set(entity, attribute, convert(em, attribute, value)));
	}

	/**
	 * Converts a value for a field; a related row given by id becomes a reference of the entity
	 * manager when there is one ({@code null} while the call is checked).
	 */
	private @Nullable Object convert(@Nullable EntityManager em, SingularAttribute<? super T, ?> attribute,
			@Nullable Object value) {
		if (attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC) {
			return this.converter.convert(value, attribute.getJavaType(), attribute.getName());
		}
		Object resolved = (value instanceof Supplier<?> supplier) ? supplier.get() : value;
		if (resolved instanceof RelatedReference related && em != null) {
			return em.getReference(related.type(), related.id());
		}
		if (resolved != null && !attribute.getJavaType().isInstance(resolved)) {
			throw new InvalidDataAccessApiUsageException("Field '" + attribute.getName() + "' of " + this.model.name()
					+ " expects a " + attribute.getJavaType().getSimpleName() + " instance, got "
					+ resolved.getClass().getSimpleName() + ".");
		}
		return resolved;
	}

}
