package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
import org.jspecify.annotations.Nullable;

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

	private final EntityPersister persister;

	private final LoadedFields loadedFields;

	PartialEntities(ModelInfo<T> model, MappingMetamodel mapping, LoadedFields loadedFields) {
		this.model = model;
		this.mapping = mapping;
		this.persister = mapping.getEntityDescriptor(model.javaType());
		this.loadedFields = loadedFields;
	}

	/** What a read with this loading selects and how it builds each row, worked out once per read. */
	Shape shape(DeferredLoading loading) {
		return new Shape(loading);
	}

	/** Whether this entity's own table holds a to-one's foreign key to the related row's id. */
	private boolean keyedHere(SingularAttribute<?, ?> attribute) {
		return this.persister.findAttributeMapping(attribute.getName()) instanceof ToOneAttributeMapping toOne
				&& toOne.getSideNature() == ForeignKeyDescriptor.Nature.KEY && toOne.isReferenceToPrimaryKey()
				&& Arrays.asList(this.persister.getTableNames()).contains(toOne.getIdentifyingColumnsTableExpression());
	}

	private static SingularAttribute<?, ?> idOf(EntityType<?> type) {
		return type.getId(type.getIdType().getJavaType());
	}

	/** The columns of one read and the instances built from its rows. */
	final class Shape {

		/** The singular attributes read besides the id, in the order of the selections. */
		private final List<SingularAttribute<? super T, ?>> loaded = new ArrayList<>();

		/** For each loaded attribute, the persister of the related entity of a to-one, else {@code null}. */
		private final List<@Nullable EntityPersister> related = new ArrayList<>();

		/** The singular attributes not read, and the value each is left with. */
		private final Map<SingularAttribute<? super T, ?>, @Nullable Object> unset = new LinkedHashMap<>();

		/** The collections, left as collections that cannot load. */
		private final Map<Attribute<? super T, ?>, CollectionPersister> collections = new LinkedHashMap<>();

		private final Set<String> names;

		private Shape(DeferredLoading loading) {
			String entityName = PartialEntities.this.persister.getEntityName();
			for (Attribute<? super T, ?> attribute : PartialEntities.this.model.attributes()) {
				if (attribute.isCollection()) {
					this.collections.put(attribute,
							PartialEntities.this.mapping.getCollectionDescriptor(entityName + "." + attribute.getName()));
				}
				else if (attribute instanceof SingularAttribute<? super T, ?> singular && !singular.isId()) {
					if (loading.loads(singular.getName())) {
						this.loaded.add(singular);
						this.related.add(singular.isAssociation()
								? PartialEntities.this.mapping.getEntityDescriptor(singular.getJavaType()) : null);
					}
					else {
						this.unset.put(singular, DeferredFields.unsetValue(singular.getJavaType()));
					}
				}
			}
			this.names = this.loaded.stream().map(Attribute::getName).collect(Collectors.toUnmodifiableSet());
		}

		/** The id, then each loaded attribute: its value, or the id it refers to for a to-one relation. */
		List<Selection<?>> selections(Root<T> root) {
			List<Selection<?>> selections = new ArrayList<>();
			selections.add(root.get(PartialEntities.this.model.id().getName()));
			for (SingularAttribute<? super T, ?> attribute : this.loaded) {
				if (!attribute.isAssociation()) {
					selections.add(root.get(attribute.getName()));
					continue;
				}
				// Without the foreign key of the related row's id in this table (an inverse one-to-one,
				// a join table, a key to another column), reading the id joins; an implicit join would
				// be inner and drop the rows without a related one.
				Path<?> related = keyedHere(attribute) ? root.get(attribute.getName())
						: root.join(attribute.getName(), JoinType.LEFT);
				selections.add(related.get(idOf((EntityType<?>) attribute.getType()).getName()));
			}
			return selections;
		}

		/** Builds an instance from a row of {@link #selections}; {@code session} is the one that read it. */
		T instance(Object[] row, SharedSessionContractImplementor session) {
			T instance = PartialEntities.this.model.instantiate();
			Object id = row[0];
			EntityAttributes.set(instance, PartialEntities.this.model.id(), id);
			for (int i = 0; i < this.loaded.size(); i++) {
				Object value = row[i + 1];
				EntityPersister related = this.related.get(i);
				EntityAttributes.set(instance, this.loaded.get(i),
						(related != null && value != null) ? related.createProxy(value, null) : value);
			}
			this.unset.forEach((attribute, value) -> EntityAttributes.set(instance, attribute, value));
			this.collections.forEach((attribute, persister) -> {
				PersistentCollection<?> collection = persister.getCollectionSemantics()
					.instantiateWrapper(id, persister, session);
				collection.unsetSession(session);
				EntityAttributes.set(instance, attribute, collection);
			});
			PartialEntities.this.loadedFields.record(instance, this.names);
			return instance;
		}

	}

}
