package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Reads entities with some fields only, Django's {@code only()} and {@code defer()}: selects the
 * id and the loaded columns (a to-one relation as its foreign key), and builds detached instances
 * whose other fields are unset. A loaded to-one relation is an uninitialised proxy, as a lazy
 * relation of a whole entity is; a collection is an uninitialised Hibernate collection that no
 * session can load: reading either fails with {@code LazyInitializationException}. Each instance
 * is recorded in {@link LoadedFields}, so that saving it writes only what was read.
 *
 * @param <T> the entity type
 */
final class PartialEntities<T> {

	private final ModelInfo<T> model;

	private final MappingMetamodel mapping;

	private final LoadedFields loadedFields;

	PartialEntities(ModelInfo<T> model, MappingMetamodel mapping, LoadedFields loadedFields) {
		this.model = model;
		this.mapping = mapping;
		this.loadedFields = loadedFields;
	}

	/** The attributes read besides the id, singular ones only. */
	List<SingularAttribute<? super T, ?>> loaded(DeferredLoading loading) {
		List<SingularAttribute<? super T, ?>> loaded = new ArrayList<>();
		for (Attribute<? super T, ?> attribute : this.model.attributes()) {
			if (attribute instanceof SingularAttribute<? super T, ?> singular && !singular.isId()
					&& loading.loads(attribute.getName())) {
				loaded.add(singular);
			}
		}
		return loaded;
	}

	/** The id, then each loaded attribute: its value, or the id it refers to for a to-one relation. */
	List<Selection<?>> selections(Root<T> root, List<SingularAttribute<? super T, ?>> loaded) {
		List<Selection<?>> selections = new ArrayList<>();
		selections.add(root.get(this.model.id().getName()));
		for (SingularAttribute<? super T, ?> attribute : loaded) {
			if (!attribute.isAssociation()) {
				selections.add(root.get(attribute.getName()));
				continue;
			}
			// Without the foreign key of the related row's id in this table (an inverse one-to-one, a
			// join table, a key to another column), reading the id joins; an implicit join would be
			// inner and drop the rows without a related one.
			Path<?> related = keyedHere(attribute) ? root.get(attribute.getName())
					: root.join(attribute.getName(), JoinType.LEFT);
			selections.add(related.get(idOf((EntityType<?>) attribute.getType()).getName()));
		}
		return selections;
	}

	/** Whether this entity's own table holds a to-one's foreign key to the related row's id. */
	private boolean keyedHere(SingularAttribute<?, ?> attribute) {
		EntityPersister persister = this.mapping.getEntityDescriptor(this.model.javaType());
		return persister.findAttributeMapping(attribute.getName()) instanceof ToOneAttributeMapping toOne
				&& toOne.getSideNature() == ForeignKeyDescriptor.Nature.KEY && toOne.isReferenceToPrimaryKey()
				&& Arrays.asList(persister.getTableNames()).contains(toOne.getIdentifyingColumnsTableExpression());
	}

	/** Builds an instance from a row of {@link #selections}; {@code session} is the one that read it. */
	T instance(Object[] row, List<SingularAttribute<? super T, ?>> loaded, SharedSessionContractImplementor session) {
		T instance = this.model.instantiate();
		Object id = row[0];
		EntityAttributes.set(instance, this.model.id(), id);
		Set<String> names = new LinkedHashSet<>();
		for (int i = 0; i < loaded.size(); i++) {
			SingularAttribute<? super T, ?> attribute = loaded.get(i);
			Object value = row[i + 1];
			if (attribute.isAssociation() && value != null) {
				value = this.mapping.getEntityDescriptor(attribute.getJavaType()).createProxy(value, null);
			}
			EntityAttributes.set(instance, attribute, value);
			names.add(attribute.getName());
		}
		for (Attribute<? super T, ?> attribute : this.model.attributes()) {
			if (!names.contains(attribute.getName()) && !(attribute instanceof SingularAttribute<?, ?> singular && singular.isId())) {
				unset(instance, attribute, id, session);
			}
		}
		this.loadedFields.record(instance, Set.copyOf(names));
		return instance;
	}

	/** Leaves a field unloaded: {@code null}, its default when primitive, or a collection that cannot load. */
	private void unset(T instance, Attribute<? super T, ?> attribute, Object id, SharedSessionContractImplementor session) {
		if (attribute.isCollection()) {
			String role = this.mapping.getEntityDescriptor(this.model.javaType()).getEntityName() + "." + attribute.getName();
			CollectionPersister persister = this.mapping.getCollectionDescriptor(role);
			PersistentCollection<?> collection = persister.getCollectionSemantics().instantiateWrapper(id, persister, session);
			collection.unsetSession(session);
			EntityAttributes.set(instance, attribute, collection);
		}
		else {
			EntityAttributes.set(instance, attribute, DeferredFields.unsetValue(attribute.getJavaType()));
		}
	}

	private static SingularAttribute<?, ?> idOf(EntityType<?> type) {
		return type.getId(type.getIdType().getJavaType());
	}

}
