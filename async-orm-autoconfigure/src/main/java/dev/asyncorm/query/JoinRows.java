package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.collection.AbstractCollectionPersister;

/**
 * The join-table rows that reference a model's rows, from either side of a many-to-many
 * relation: deleting a row deletes them first, as Django deletes the rows of an auto-created
 * through model, and counts them under {@code Owner_attribute} ({@code Pizza_toppings}).
 */
final class JoinRows {

	private final List<Reference> references;

	private JoinRows(List<Reference> references) {
		this.references = references;
	}

	static JoinRows of(MappingMetamodel mapping, Class<?> model) {
		List<Reference> references = new ArrayList<>();
		mapping.forEachCollectionDescriptor((collection) -> {
			if (!collection.isManyToMany() || collection.isInverse()
					|| !(collection instanceof AbstractCollectionPersister persister)) {
				return;
			}
			String role = persister.getRole();
			String label = persister.getOwnerEntityPersister().getJpaEntityName() + "_"
					+ role.substring(role.lastIndexOf('.') + 1);
			if (persister.getOwnerEntityPersister().getMappedClass().isAssignableFrom(model)) {
				references.add(new Reference(persister.getTableName(), persister.getKeyColumnNames()[0], label));
			}
			if (persister.getElementPersister().getMappedClass().isAssignableFrom(model)) {
				references.add(new Reference(persister.getTableName(), persister.getElementColumnNames()[0], label));
			}
		});
		return new JoinRows(List.copyOf(references));
	}

	boolean isEmpty() {
		return this.references.isEmpty();
	}

	/** Deletes the join rows of these ids, one statement per join table ({@code timed} sets its timeout), counting them. */
	void delete(EntityManager em, Collection<?> ids, UnaryOperator<Query> timed) {
		if (ids.isEmpty()) {
			return;
		}
		for (Reference reference : this.references) {
			Query statement = em.createNativeQuery("delete from " + reference.table() + " where " + reference.column()
					+ " in (:ids)");
			int rows = timed.apply(statement).setParameter("ids", ids).executeUpdate();
			DeletionCounter.add(reference.label(), rows);
		}
	}

	private record Reference(String table, String column, String label) {
	}

}
