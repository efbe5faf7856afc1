package dev.asyncorm.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * What a write may do with an instance read by {@code only()} or {@code defer()}: as Django saves
 * a deferred instance, {@code save()} writes the fields it was read with and those assigned since
 * (a deferred field holding a value other than its unset one: assigning {@code null}, 0 or
 * {@code false} cannot be seen); a write of any other deferred field is refused, since it would
 * put {@code null} over the row's value.
 *
 * @param <T> the entity type
 */
final class DeferredFields<T> {

	private final ModelInfo<T> model;

	private final LoadedFields loadedFields;

	private final EntityPersister persister;

	DeferredFields(ModelInfo<T> model, LoadedFields loadedFields, EntityPersister persister) {
		this.model = model;
		this.loadedFields = loadedFields;
		this.persister = persister;
	}

	/**
	 * The fields {@code save()} writes, or {@code null} for an instance read whole.
	 * @throws InvalidDataAccessApiUsageException for a versioned entity, whose version such a
	 * write would neither check nor increment
	 */
	@Nullable List<String> toSave(T entity) {
		Set<String> loaded = this.loadedFields.of(entity);
		if (loaded == null) {
			return null;
		}
		if (this.model.entityType().hasVersionAttribute()) {
			throw new InvalidDataAccessApiUsageException("save() of a " + this.model.name() + " read with only() or "
					+ "defer() is not supported: its @Version would not be checked; refresh() it first.");
		}
		List<String> fields = new ArrayList<>();
		for (Attribute<? super T, ?> attribute : this.model.attributes()) {
			if (attribute instanceof SingularAttribute<? super T, ?> singular && !singular.isId()
					&& (loaded.contains(singular.getName()) || assigned(entity, singular))
					&& (singular.getPersistentAttributeType() == Attribute.PersistentAttributeType.EMBEDDED
							|| UpdatableColumns.isUpdatable(this.persister, singular))) {
				fields.add(singular.getName());
			}
		}
		return fields;
	}

	/**
	 * Checks that an instance read with {@code only()} or {@code defer()} has these fields loaded
	 * or assigned.
	 * @throws InvalidDataAccessApiUsageException naming the first field that is still deferred
	 */
	void requireWritable(T entity, Collection<String> fields, String operation) {
		Set<String> loaded = this.loadedFields.of(entity);
		if (loaded == null) {
			return;
		}
		for (String field : fields) {
			SingularAttribute<? super T, ?> attribute = this.model.writableAttribute(field);
			if (!loaded.contains(attribute.getName()) && !assigned(entity, attribute)) {
				throw new InvalidDataAccessApiUsageException(operation + "() cannot write '" + field + "' of a "
						+ this.model.name() + " read without it by only() or defer(); assign it a value other than "
						+ "null, 0 or false (which look unread), or refresh() the instance first.");
			}
		}
	}

	/** Whether a deferred field was assigned: it holds a value other than the one it was left with. */
	private boolean assigned(T entity, SingularAttribute<? super T, ?> attribute) {
		return !Objects.equals(EntityAttributes.get(entity, attribute), unsetValue(attribute.getJavaType()));
	}

	/** The value a field is left with when it is not read: {@code null}, or a primitive's default. */
	static @Nullable Object unsetValue(Class<?> type) {
		return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
	}

}
