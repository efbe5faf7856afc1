package dev.asyncorm.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.asyncorm.BulkCreateOptions;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.Hibernate;
import org.hibernate.action.internal.BulkOperationCleanupAction;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Django's {@code bulk_create}: the call is checked on the caller's thread; then, on the
 * executor, the objects are inserted with one multi-row {@code INSERT} per batch, all in one
 * transaction, and the ids the database returns are set on them.
 *
 * @param <T> the entity type
 */
final class BulkInsert<T> {

	private final ModelRuntime<T> runtime;

	private final List<T> objects;

	private final InsertDialect dialect;

	private final InsertTable table;

	private final InsertDialect.Conflict conflict;

	private final int batchSize;

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
		SessionFactoryImplementor factory = runtime.jpa.entityManagerFactory().unwrap(SessionFactoryImplementor.class);
		this.dialect = InsertDialect.of(factory.getJdbcServices().getDialect());
		this.table = InsertTable.of(factory.getMappingMetamodel().getEntityDescriptor(runtime.model.javaType()));
		this.conflict = conflict(options);
		PersistenceUnitUtil util = runtime.jpa.entityManagerFactory().getPersistenceUnitUtil();
		for (int index = 0; index < objects.size(); index++) {
			check(objects.get(index), index, util);
		}
		this.batchSize = Batches.size(options.getBatchSize(), runtime.settings.bulkBatchSize(), this.table.columns().size());
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
		List<String> columns = this.table.columnsOf(attribute.getName());
		if (columns.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("bulkCreate() can only be used with concrete fields in "
					+ option + ": '" + attribute.getName() + "' is not a column of " + this.runtime.model.name()
					+ " that it inserts.");
		}
		return columns;
	}

	private void check(@Nullable T entity, int index, PersistenceUnitUtil util) {
		if (entity == null) {
			throw new InvalidDataAccessApiUsageException("bulkCreate() cannot insert null (at index " + index + ").");
		}
		String name = this.runtime.model.name();
		Object id = this.table.id(entity);
		if (this.table.idSource() == InsertTable.IdSource.ASSIGNED && id == null) {
			throw new InvalidDataAccessApiUsageException(name + " ids are assigned, not generated: bulkCreate() "
					+ "cannot insert " + entity + " without one.");
		}
		if (this.table.idSource() != InsertTable.IdSource.ASSIGNED && id != null) {
			throw new InvalidDataAccessApiUsageException(name + " has a generated id: bulkCreate() cannot insert "
					+ entity + " with id " + id + " set; clear the id, or use bulkUpdate() to update existing rows.");
		}
		for (Attribute<? super T, ?> attribute : this.runtime.model.attributes()) {
			Object value = EntityAttributes.get(entity, attribute);
			if (attribute.isCollection() && filled(value)) {
				throw filledCollection(entity, attribute);
			}
			if (attribute.isAssociation() && !attribute.isCollection() && value != null
					&& !this.table.columnsOf(attribute.getName()).isEmpty() && util.getIdentifier(value) == null) {
				throw new InvalidDataAccessApiUsageException("bulkCreate() prohibited to prevent data loss due to "
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
			return new InvalidDataAccessApiUsageException("bulkCreate() cannot save the many-to-many relation '"
					+ attribute.getName() + "' of " + entity + ": its rows need ids first. Add the members once the "
					+ "rows exist, with related(object, \"" + attribute.getName() + "\").add(…).");
		}
		return new InvalidDataAccessApiUsageException("bulkCreate() cannot save the collection '" + attribute.getName()
				+ "' of " + entity + ": it inserts " + this.runtime.model.name()
				+ " rows only. Save the related rows once these exist.");
	}

	/** Inserts the objects, in one transaction, and returns them, ids set. */
	List<T> execute() {
		try {
			return this.runtime.jpa.write((em) -> {
				em.flush();
				SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
				this.objects.forEach((entity) -> this.table.prepare(entity, session));
				InsertDialect.Conflict conflict = resolve(session);
				for (List<T> batch : Batches.split(this.objects, this.batchSize)) {
					insert(session, batch, conflict);
				}
				// As after Hibernate's own native DML: the second-level and query caches of the table are stale.
				BulkOperationCleanupAction.schedule(session, this.table.persister());
				if (conflict.action() == InsertDialect.Conflict.Action.IGNORE) {
					forgetIds();
				}
				return this.objects;
			});
		}
		catch (RuntimeException ex) {
			forgetIds();
			throw ex;
		}
	}

	/** On H2, skipping conflicts means matching every unique key of the table. */
	private InsertDialect.Conflict resolve(SharedSessionContractImplementor session) {
		if (this.dialect != InsertDialect.H2 || this.conflict.action() != InsertDialect.Conflict.Action.IGNORE) {
			return this.conflict;
		}
		try {
			List<List<String>> keys = UniqueKeys.of(
					session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection(), this.table.name(),
					this.table.columns());
			return new InsertDialect.Conflict(InsertDialect.Conflict.Action.IGNORE, keys, List.of());
		}
		catch (SQLException ex) {
			throw session.getJdbcServices().getSqlExceptionHelper().convert(ex, "Could not read the unique keys of "
					+ this.table.name());
		}
	}

	private void insert(SharedSessionContractImplementor session, List<T> batch, InsertDialect.Conflict conflict) {
		InsertDialect.InsertStatement statement = this.dialect.insert(this.table, batch.size(), conflict,
				returnsIds(conflict));
		String sql = statement.sql();
		JdbcCoordinator jdbc = session.getJdbcCoordinator();
		session.getJdbcServices().getSqlStatementLogger().logStatement(sql);
		PreparedStatement prepared = (statement.ids() == InsertDialect.IdReturn.GENERATED_KEYS)
				? jdbc.getMutationStatementPreparer().prepareStatement(sql, new String[] { this.table.idColumn() })
				: jdbc.getMutationStatementPreparer().prepareStatement(sql, false);
		try {
			int position = 1;
			for (T entity : batch) {
				position = this.table.bind(prepared, position, entity, session);
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
	 * it skipped.
	 */
	private boolean returnsIds(InsertDialect.Conflict conflict) {
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
	private void forgetIds() {
		if (this.table.idSource() != InsertTable.IdSource.ASSIGNED) {
			this.objects.forEach((entity) -> EntityAttributes.set(entity, this.runtime.model.id(), null));
		}
	}

}
