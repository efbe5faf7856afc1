package dev.asyncorm.query;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Which attributes an {@code UPDATE} of the entity's own table may set: Hibernate's Criteria
 * updates do not check {@code updatable = false} or formulas, so async-orm does.
 */
final class UpdatableColumns {

	private UpdatableColumns() {
	}

	/** Whether the attribute is a basic value or a foreign key of the entity's own table, and may be updated. */
	static boolean isUpdatable(EntityPersister persister, SingularAttribute<?, ?> attribute) {
		Attribute.PersistentAttributeType type = attribute.getPersistentAttributeType();
		if (type != Attribute.PersistentAttributeType.BASIC && type != Attribute.PersistentAttributeType.MANY_TO_ONE
				&& type != Attribute.PersistentAttributeType.ONE_TO_ONE) {
			return false;
		}
		AttributeMapping mapping = persister.findAttributeMapping(attribute.getName());
		List<String> tables = Arrays.asList(persister.getTableNames());
		boolean[] updatable = { false };
		mapping.forEachSelectable((index, selectable) -> updatable[0] |= selectable.isUpdateable()
				&& !selectable.isFormula() && tables.contains(selectable.getContainingTableExpression()));
		return updatable[0];
	}

}
