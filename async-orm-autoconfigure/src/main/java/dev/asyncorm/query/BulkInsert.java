package dev.asyncorm.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.asyncorm.BulkCreateOptions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.Hibernate;
import org.hibernate.action.internal.BulkOperationCleanupAction;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Django's {@code bulk_create}: the call is checked on the caller's thread; then, on the
 * executor, the objects are inserted with one multi-row {@code INSERT} per batch, all in one
 * transaction, and the ids the database returns are set on them. On a table whose identity
 * generates the ids, objects that carry an id are inserted apart with it, as Django splits
 * {@code objs_with_pk} from the others, and the identity is then moved past them. The same insert
 * writes one row with a given id for {@code create()}, which {@code persist} cannot.
 *
 * @param <T> the entity type
 */
final class BulkInsert<T> {

	private final ModelRuntime<T> runtime;

	private final List<T> objects;

	/** The operation, as messages name it: {@code bulkCreate}, {@code create}. */
	private final String operation;

	private final InsertDialect dialect;

	/** The rows whose ids the database generates, or all rows when it does not generate them. */
	private final InsertTable table;

	/** The rows that carry their id on a table whose identity would generate it. */
	private final InsertTable tableWithIds;

	private final InsertDialect.Conflict conflict;

	private final int batchSize;

	private final int batchSizeWithIds;

	/**
	 * Checks a call.
	 * @throws InvalidDataAccessApiUsageException if the call cannot be carried out
	 */
	BulkInsert(ModelRuntime<T> runtime, List<T> objects, BulkCreateOptions options, @Nullable QueryScope<T> scope) {
		if (scope != null) {
			throw new InvalidDataAccessApiUsageException("bulkCreate() is not supported on the related manager '"
					+ scope.name() + "': create the rows with the " + runtime.model.name()
					+ " repository, then add them to the relation.");
		}
		this.runtime = runtime;
		this.objects = objects;
		this.operation = "bulkCreate";
		SessionFactoryImplementor factory = runtime.jpa.entityManagerFactory().unwrap(SessionFactoryImplementor.class);
		this.dialect = InsertDialect.of(factory.getJdbcServices().getDialect());
		EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(runtime.model.javaType());
		this.table = InsertTable.of(persister);
		this.tableWithIds = (this.table.idSource() == InsertTable.IdSource.DATABASE) ? InsertTable.withIds(persister)
				: this.table;
		this.conflict = conflict(options);
		PersistenceUnitUtil util = runtime.jpa.entityManagerFactory().getPersistenceUnitUtil();
		for (int index = 0; index < objects.size(); index++) {
			check(objects.get(index), index, util);
		}
		this.batchSize = Batches.size(options.getBatchSize(), runtime.settings.bulkBatchSize(), this.table.columns().size());
		this.batchSizeWithIds = Batches.size(options.getBatchSize(), runtime.settings.bulkBatchSize(),
				this.tableWithIds.columns().size());
	}

	/**
	 * Checks the insert of one row with the id it carries, on a table whose identity would
	 * generate it: Django's {@code create(pk=…)}.
	 * @param operation the operation, as messages name it
	 * @throws InvalidDataAccessApiUsageException if the row cannot be inserted
	 */
	BulkInsert(ModelRuntime<T> runtime, T entity, String operation) {
		this.runtime = runtime;
		this.objects = List.of(entity);
		this.operation = operation;
		SessionFactoryImplementor factory = runtime.jpa.entityManagerFactory().unwrap(SessionFactoryImplementor.class);
		this.dialect = InsertDialect.of(factory.getJdbcServices().getDialect());
		this.table = InsertTable.withIds(runtime.persister());
		this.tableWithIds = this.table;
		this.conflict = InsertDialect.Conflict.FAIL;
		check(entity, 0, runtime.jpa.entityManagerFactory().getPersistenceUnitUtil());
		this.batchSize = 1;
		this.batchSizeWithIds = 1;
	}

	private InsertDialect.Conflict conflict(BulkCreateOptions options) {
		if (options.isIgnoreConflicts()) {
			return new InsertDialect.Conflict(InsertDialect.Conflict.Action.IGNORE, List.of(), List.of());
		}
		if (!options.isUpdateConflicts()) {
			return InsertDialect.Conflict.FAIL;
		}
		List<String> updateColumns = new ArrayList<>();
		for (String field : options.getUpdateFields()) {
			Attribute<? super T, ?> attribute = this.runtime.model.attribute(field);
			if (attribute instanceof SingularAttribute<?, ?> singular && singular.isId()) {
				throw new InvalidDataAccessApiUsageException(
						"bulkCreate() cannot be used with primary keys in updateFields.");
			}
			updateColumns.addAll(columns(attribute, "updateFields"));
		}
		List<String> uniqueColumns = new ArrayList<>();
		for (String field : options.getUniqueFields()) {
			uniqueColumns.addAll(columns(this.runtime.model.attribute(field), "uniqueFields"));
		}
		if (uniqueColumns.isEmpty() && this.dialect.needsConflictTarget()) {
			throw new InvalidDataAccessApiUsageException("Unique fields that can trigger the upsert must be provided: "
					+ this.dialect.databaseName() + " needs them to know which constraint to handle.");
		}
		return new InsertDialect.Conflict(InsertDialect.Conflict.Action.UPDATE,
				uniqueColumns.isEmpty() ? List.of() : List.of(uniqueColumns), updateColumns);
	}

	private List<String> columns(Attribute<? super T, ?> attribute, String option) {
		List<String> columns = this.tableWithIds.columnsOf(attribute.getName());
		if (columns.isEmpty()) {
			throw new InvalidDataAccessApiUsageException(this.operation + "() can only be used with concrete fields in "
					+ option + ": '" + attribute.getName() + "' is not a column of " + this.runtime.model.name()
					+ " that it inserts.");
		}
		return columns;
	}

	private void check(@Nullable T entity, int index, PersistenceUnitUtil util) {
		if (entity == null) {
			throw new InvalidDataAccessApiUsageException(this.operation + "() cannot insert null (at index " + index + ").");
		}
		String name = this.runtime.model.name();
		Object id = this.table.id(entity);
		if (this.table.idSource() == InsertTable.IdSource.ASSIGNED && id == null) {
			throw new InvalidDataAccessApiUsageException(name + " ids are assigned, not generated: " + this.operation + "() "
					+ "cannot insert " + entity + " without one.");
		}
		if (this.table.idSource() == InsertTable.IdSource.GENERATOR && id != null) {
			throw new InvalidDataAccessApiUsageException(name + " has a generated id: " + this.operation + "() cannot insert "
					+ entity + " with id " + id + " set; clear the id, or use bulkUpdate() to update existing rows.");
		}
		for (Attribute<? super T, ?> attribute : this.runtime.model.attributes()) {
			Object value = EntityAttributes.get(entity, attribute);
			if (attribute.isCollection() && filled(value)) {
				throw filledCollection(entity, attribute);
			}
			if (attribute.isAssociation() && !attribute.isCollection() && value != null
					&& !this.table.columnsOf(attribute.getName()).isEmpty() && util.getIdentifier(value) == null) {
				throw new InvalidDataAccessApiUsageException(this.operation + "() prohibited to prevent data loss due to "
						+ "unsaved related object '" + attribute.getName() + "' of " + entity + ".");
			}
		}
	}

	private static boolean filled(@Nullable Object collection) {
		if (collection == null || !Hibernate.isInitialized(collection)) {
			return false;
		}
		return (collection instanceof Map<?, ?> map) ? !map.isEmpty() : !((Collection<?>) collection).isEmpty();
	}

	private InvalidDataAccessApiUsageException filledCollection(T entity, Attribute<? super T, ?> attribute) {
		if (attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.MANY_TO_MANY) {
			return new InvalidDataAccessApiUsageException(this.operation + "() cannot save the many-to-many relation '"
					+ attribute.getName() + "' of " + entity + ": its rows need ids first. Add the members once the "
					+ "rows exist, with related(object, \"" + attribute.getName() + "\").add(…).");
		}
		return new InvalidDataAccessApiUsageException(this.operation + "() cannot save the collection '" + attribute.getName()
				+ "' of " + entity + ": it inserts " + this.runtime.model.name()
				+ " rows only. Save the related rows once these exist.");
	}

	/** Inserts the objects, in one transaction, and returns them, ids set. */
	List<T> execute() {
		List<T> generated = generatedIds();
		try {
			return this.runtime.jpa.write((em) -> insert(em, generated));
		}
		catch (RuntimeException ex) {
			forgetIds(generated);
			throw ex;
		}
	}

	/** Inserts the objects in the entity manager's transaction, and returns them, ids set. */
	List<T> insert(EntityManager em) {
		return insert(em, generatedIds());
	}

	/** The objects whose ids the database generates: all of them, except those that carry their id. */
	private List<T> generatedIds() {
		if (this.table.idsGiven()) {
			return List.of();
		}
		return (this.table.idSource() != InsertTable.IdSource.DATABASE) ? this.objects
				: this.objects.stream().filter((entity) -> this.table.id(entity) == null).toList();
	}

	private List<T> insert(EntityManager em, List<T> generated) {
		em.flush();
		SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
		this.objects.forEach((entity) -> this.table.prepare(entity, session));
		Set<T> generating = Collections.newSetFromMap(new IdentityHashMap<>());
		generating.addAll(generated);
		List<T> withIds = this.objects.stream().filter((entity) -> !generating.contains(entity)).toList();
		if (!withIds.isEmpty()) {
			insertAll(session, this.tableWithIds, withIds, this.batchSizeWithIds);
			if (this.tableWithIds.idSource() == InsertTable.IdSource.DATABASE) {
				IdentityAdvance.past(this.dialect, this.tableWithIds,
						withIds.stream().map(this.tableWithIds::id).toList(), session);
			}
		}
		if (!generated.isEmpty()) {
			insertAll(session, this.table, generated, this.batchSize);
		}
		// As after Hibernate's own native DML: the second-level and query caches of the table are stale.
		BulkOperationCleanupAction.schedule(session, this.table.persister());
		if (this.conflict.action() == InsertDialect.Conflict.Action.IGNORE) {
			forgetIds(generated);
		}
		return this.objects;
	}

	private void insertAll(SharedSessionContractImplementor session, InsertTable target, List<T> rows, int size) {
		InsertDialect.Conflict resolved = resolve(session, target);
		for (List<T> batch : Batches.split(rows, size)) {
			insert(session, target, batch, resolved);
		}
	}

	/**
	 * The conflict handling of an insert into a table's columns: on H2, skipping conflicts means
	 * matching every unique key of the table, and an upsert matches only the keys of columns it
	 * writes (a generated id cannot conflict).
	 */
	private InsertDialect.Conflict resolve(SharedSessionContractImplementor session, InsertTable target) {
		if (this.dialect != InsertDialect.H2 || this.conflict.action() == InsertDialect.Conflict.Action.FAIL) {
			return this.conflict;
		}
		if (this.conflict.action() == InsertDialect.Conflict.Action.UPDATE) {
			List<List<String>> keys = this.conflict.keys().stream()
				.filter((key) -> target.columns().containsAll(key))
				.toList();
			return new InsertDialect.Conflict(InsertDialect.Conflict.Action.UPDATE, keys, this.conflict.updateColumns());
		}
		try {
			List<List<String>> keys = UniqueKeys.of(
					session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection(), target.name(),
					target.columns());
			return new InsertDialect.Conflict(InsertDialect.Conflict.Action.IGNORE, keys, List.of());
		}
		catch (SQLException ex) {
			throw session.getJdbcServices().getSqlExceptionHelper().convert(ex, "Could not read the unique keys of "
					+ target.name());
		}
	}

	private void insert(SharedSessionContractImplementor session, InsertTable target, List<T> batch,
			InsertDialect.Conflict conflict) {
		InsertDialect.InsertStatement statement = this.dialect.insert(target, batch.size(), conflict,
				returnsIds(target, conflict));
		String sql = statement.sql();
		JdbcCoordinator jdbc = session.getJdbcCoordinator();
		session.getJdbcServices().getSqlStatementLogger().logStatement(sql);
		PreparedStatement prepared = (statement.ids() == InsertDialect.IdReturn.GENERATED_KEYS)
				? jdbc.getMutationStatementPreparer().prepareStatement(sql, new String[] { target.idColumn() })
				: jdbc.getMutationStatementPreparer().prepareStatement(sql, false);
		try {
			int position = 1;
			for (T entity : batch) {
				position = target.bind(prepared, position, entity, session);
			}
			switch (statement.ids()) {
				case NONE -> jdbc.getResultSetReturn().executeUpdate(prepared, sql);
				case RETURNING -> setIds(jdbc.getResultSetReturn().extract(prepared, sql), batch, session);
				case GENERATED_KEYS -> {
					jdbc.getResultSetReturn().executeUpdate(prepared, sql);
					try (ResultSet keys = prepared.getGeneratedKeys()) {
						setIds(keys, batch, session);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw session.getJdbcServices().getSqlExceptionHelper().convert(ex,
					"Could not bulk insert " + this.runtime.model.name(), sql);
		}
		finally {
			jdbc.getLogicalConnection().getResourceRegistry().release(prepared);
			jdbc.afterStatementExecution();
		}
	}

	/**
	 * Whether the ids come back: a new row's id when the database generates it, and an existing
	 * row's id after an upsert; not when conflicts are skipped, as no database tells which rows
	 * it skipped, nor for rows that carry their id, which Django keeps.
	 */
	private boolean returnsIds(InsertTable target, InsertDialect.Conflict conflict) {
		if (target.idsGiven()) {
			return false;
		}
		return switch (conflict.action()) {
			case FAIL -> this.table.idSource() == InsertTable.IdSource.DATABASE;
			case UPDATE -> true;
			case IGNORE -> false;
		};
	}

	private void setIds(ResultSet ids, List<T> batch, SharedSessionContractImplementor session) throws SQLException {
		for (T entity : batch) {
			if (!ids.next()) {
				throw new IllegalStateException("The database returned fewer ids than the " + batch.size()
						+ " rows of " + this.runtime.model.name() + " inserted.");
			}
			this.table.setId(entity, this.table.readId(ids, session), session);
		}
	}

	/** Clears the ids that this call set, when the rows they name may not exist. */
	private void forgetIds(List<T> generated) {
		if (this.table.idSource() != InsertTable.IdSource.ASSIGNED) {
			generated.forEach((entity) -> EntityAttributes.set(entity, this.runtime.model.id(), null));
		}
	}

}
