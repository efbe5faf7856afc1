package dev.asyncorm.relation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.query.ValueConverter;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.persister.entity.AbstractEntityPersister;


/**
 * The entity that maps a many-to-many join table with extra columns, Django's explicit
 * {@code through} model: {@code through(defaults)} fills its basic fields on every join row added.
 */
final class ThroughEntity {

	private final EntityType<?> entity;

	private final AbstractEntityPersister persister;

	ThroughEntity(EntityType<?> entity, AbstractEntityPersister persister) {
		this.entity = entity;
		this.persister = persister;
	}

	/**
	 * Maps field names to columns, checking them against the entity; values are converted to the
	 * fields' types, and a {@link Supplier} is kept, to be called for each row.
	 */
	Map<String, Object> columns(Map<String, ?> defaults) {
		Map<String, Object> columns = new LinkedHashMap<>();
		defaults.forEach((field, value) -> {
			SingularAttribute<?, ?> attribute = basicAttribute(field);
			Object converted = (value instanceof Supplier<?>) ? value
					: ValueConverter.INSTANCE.convert(value, attribute.getJavaType(), field);
			columns.put(this.persister.getPropertyColumnNames(attribute.getName())[0], converted);
		});
		return columns;
	}

	private SingularAttribute<?, ?> basicAttribute(String field) {
		return this.entity.getSingularAttributes().stream()
			.filter((attribute) -> attribute.getName().equals(field)
					&& attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC && !attribute.isId())
			.findFirst()
			.orElseThrow(() -> new InvalidLookupException("Cannot resolve through default '" + field + "' of "
					+ this.entity.getName() + ". Fields are: " + String.join(", ", fieldNames())));
	}

	private List<String> fieldNames() {
		return this.entity.getSingularAttributes().stream()
			.filter((attribute) -> attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC
					&& !attribute.isId())
			.map(Attribute::getName)
			.sorted()
			.toList();
	}

}
