package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.asyncorm.Q;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.criteria.JpaSimpleCase;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Django's {@code bulk_update}: one
 * {@code UPDATE … SET f = CASE id WHEN ? THEN ? … END WHERE id IN (…)} per batch, built with JPA
 * Criteria (every value a bound parameter), all batches in one transaction. The call is checked
 * and the values are read on the caller's thread.
 *
 * @param <T> the entity type
 */
final class BulkUpdate<T> {

	private final ModelRuntime<T> runtime;

	private final QuerySpec<T> spec;

	private final List<SingularAttribute<? super T, ?>> fields;

	private final List<Object> ids;

	/** Per object, the value of each field. */
	private final List<@Nullable Object[]> values;

	private final int batchSize;

	/**
	 * Checks a call and reads the values.
	 * @param batchSize the rows per statement, or {@code null} for the default
	 * @throws InvalidDataAccessApiUsageException if the call cannot be carried out
	 */
	BulkUpdate(ModelRuntime<T> runtime, QuerySpec<T> spec, List<T> objects, List<String> fields,
			@Nullable Integer batchSize) {
		if (batchSize != null && batchSize <= 0) {
			throw new InvalidDataAccessApiUsageException("Batch size must be a positive integer.");
		}
		if (fields.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("Field names must be given to bulkUpdate().");
		}
		this.runtime = runtime;
		this.spec = spec;
		this.ids = new ArrayList<>(objects.size());
		for (T entity : objects) {
			Object id = (entity != null) ? runtime.model.idOf(entity) : null;
			if (id == null) {
				throw new InvalidDataAccessApiUsageException("All bulkUpdate() objects must have a primary key set.");
			}
			this.ids.add(id);
		}
		this.fields = fields(fields);
		PersistenceUnitUtil util = runtime.jpa.entityManagerFactory().getPersistenceUnitUtil();
		this.values = new ArrayList<>(objects.size());
		for (T entity : objects) {
			this.values.add(values(entity, util));
		}
		this.batchSize = Batches.size(batchSize, runtime.settings.bulkBatchSize(), 2 * this.fields.size() + 1);
	}

	private List<SingularAttribute<? super T, ?>> fields(List<String> names) {
		EntityPersister persister = this.runtime.jpa.entityManagerFactory()
			.unwrap(SessionFactoryImplementor.class)
			.getMappingMetamodel()
			.getEntityDescriptor(this.runtime.model.javaType());
		Map<String, SingularAttribute<? super T, ?>> fields = new LinkedHashMap<>();
		for (String name : names) {
			Attribute<? super T, ?> attribute = this.runtime.model.attribute(name);
			if (attribute instanceof SingularAttribute<?, ?> singular && singular.isId()) {
				throw new InvalidDataAccessApiUsageException("bulkUpdate() cannot be used with primary key fields.");
			}
			if (!(attribute instanceof SingularAttribute<? super T, ?> singular) || !UpdatableColumns.isUpdatable(persister, singular)) {
				throw new InvalidDataAccessApiUsageException("bulkUpdate() can only be used with concrete fields: '"
						+ name + "' is not an updatable column of " + this.runtime.model.name() + ".");
			}
			fields.put(singular.getName(), singular);
		}
		return List.copyOf(fields.values());
	}

	private @Nullable Object[] values(T entity, PersistenceUnitUtil util) {
		@Nullable Object[] values = new Object[this.fields.size()];
		for (int i = 0; i < values.length; i++) {
			SingularAttribute<? super T, ?> field = this.fields.get(i);
			values[i] = EntityAttributes.get(entity, field);
			if (values[i] != null && field.isAssociation() && util.getIdentifier(values[i]) == null) {
				throw new InvalidDataAccessApiUsageException("bulkUpdate() prohibited to prevent data loss due to "
						+ "unsaved related object '" + field.getName() + "'.");
			}
		}
		return values;
	}

	/** Updates the rows, in one transaction, and returns the number matched. */
	long execute() {
		return this.runtime.jpa.write((em) -> {
			long matched = 0;
			for (int start = 0; start < this.ids.size(); start += this.batchSize) {
				int end = Math.min(this.ids.size(), start + this.batchSize);
				QuerySpec<T> rows = this.spec.where(this.runtime.compiler.compile(Q.of("pk__in", this.ids.subList(start, end))));
				Map<String, @Nullable Object> cases = new LinkedHashMap<>();
				for (int field = 0; field < this.fields.size(); field++) {
					cases.put(this.fields.get(field).getName(), allNull(field, start, end) ? null : caseOf(field, start, end));
				}
				matched += this.runtime.queries.update(em, rows, cases);
			}
			return matched;
		});
	}

	/**
	 * Whether the field is null in every row of the batch: then it is set to {@code NULL} without a
	 * {@code CASE}, whose type PostgreSQL could not infer from {@code NULL}s alone.
	 */
	private boolean allNull(int field, int start, int end) {
		for (int row = start; row < end; row++) {
			if (this.values.get(row)[field] != null) {
				return false;
			}
		}
		return true;
	}

	/** {@code CASE id WHEN ? THEN ? … END}: the field's value for each row of the batch. */
	private ExpressionFactory caseOf(int field, int start, int end) {
		Class<?> type = this.fields.get(field).getJavaType();
		return (joins, cb) -> {
			JpaSimpleCase<Object, Object> cases = cb.selectCase(joins.root().get(this.runtime.model.id().getName()));
			for (int row = start; row < end; row++) {
				Object value = this.values.get(row)[field];
				if (value != null) {
					cases.when(this.ids.get(row), value);
				}
				else {
					cases.when(this.ids.get(row), cb.nullLiteral(type));
				}
			}
			return cases;
		};
	}

}
