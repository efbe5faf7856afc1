package dev.asyncorm.query;

import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

/**
 * The row a to-one relation is set to by {@code update()}, {@code create()} or
 * {@code getOrCreate()}: the related entity's type and id, bound as the foreign key without
 * loading the row.
 *
 * @param type the related entity's class
 * @param id its id
 */
record RelatedReference(Class<?> type, Object id) {

	/**
	 * The row of a relation given by its id, as Django's {@code box_id=3}; {@code null} for
	 * {@code null}.
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException if the value does not
	 * convert to the related model's id
	 */
	static @Nullable RelatedReference byId(SingularAttribute<?, ?> relation, @Nullable Object id, String field) {
		EntityType<?> related = (EntityType<?>) relation.getType();
		Object converted = ValueConverter.INSTANCE.convert(id, related.getIdType().getJavaType(), field);
		return (converted != null) ? new RelatedReference(related.getJavaType(), converted) : null;
	}

}
