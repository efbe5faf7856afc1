package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.engine.FetchTiming;
import org.hibernate.engine.spi.Managed;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.internal.DefaultPostLoadEventListener;
import org.hibernate.event.internal.DefaultPreLoadEventListener;
import org.hibernate.event.service.spi.EventListenerGroup;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.jpa.event.spi.CallbackType;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.AttributeMappingsList;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.BasicAttributeMapping;
import org.hibernate.metamodel.mapping.internal.EmbeddedAttributeMapping;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Builds detached entities from the columns of a tuple query: selects the id and the loaded
 * columns (a to-one relation as its foreign key), and sets them on new instances. A loaded to-one
 * relation is an uninitialised proxy, as a lazy relation of an entity read by Hibernate is, unless
 * {@code selectRelated} follows it: then the related row is joined and built the same way, with
 * the fields that paths across the relation name ({@code only("box__name")}), or all; a
 * collection is an uninitialised Hibernate collection that no session can load: reading either
 * fails with {@code LazyInitializationException}.
 * <p>
 * It reads entities with some fields only, Django's {@code only()} and {@code defer()}: the other
 * fields are unset, and each instance is recorded in {@link LoadedFields}, so that saving it
 * writes only what was read. It also reads whole entities outside a transaction, where they are
 * detached at once, when building them this way shows the user nothing that Hibernate's loader
 * would show differently (see {@link #whole()}): no persistence context then holds, snapshots and
 * clears every row, which halves the cost of a row.
 *
 * @param <T> the entity type
 */
final class TupleEntities<T> {

	private final ModelInfo<T> model;

	private final MappingMetamodel mapping;

	private final EntityPersister persister;

	private final LoadedFields loadedFields;

	private final SessionFactoryImplementor sessionFactory;

	/** The builders of the entities that {@code selectRelated} joins, by Java type. */
	private final Map<Class<?>, TupleEntities<?>> relatedEntities = new ConcurrentHashMap<>();

	/** The shape of whole entities, or {@code null} when only Hibernate's loader may build them. */
	private final @Nullable Shape whole;

	TupleEntities(ModelInfo<T> model, SessionFactoryImplementor sessionFactory, LoadedFields loadedFields) {
		this.model = model;
		this.mapping = sessionFactory.getMappingMetamodel();
		this.persister = this.mapping.getEntityDescriptor(model.javaType());
		this.loadedFields = loadedFields;
		this.sessionFactory = sessionFactory;
		this.whole = buildsWhole(sessionFactory) ? new Shape(DeferredLoading.NONE, List.of()) : null;
	}

	/**
	 * What a read with this loading selects and how it builds each row, worked out once per read.
	 * @param followed the {@code selectRelated} chains, whose related rows are built from their
	 * joined columns, with the fields that the loading's paths across them name
	 */
	Shape shape(DeferredLoading loading, List<List<String>> followed) {
		return new Shape(loading, followed);
	}

	/** The shape of a row joined by {@code selectRelated}, for a {@link Shape} of another entity. */
	private Shape joinedShape(DeferredLoading loading, List<List<String>> followed) {
		return new Shape(loading, followed.stream().filter((chain) -> !chain.isEmpty()).toList());
	}

	/** Builds the entities of a related model, made once per related model. */
	private TupleEntities<?> entitiesOf(Class<?> type) {
		return this.relatedEntities.computeIfAbsent(type, (key) -> new TupleEntities<>(
				new ModelInfo<>(this.sessionFactory.getJpaMetamodel().entity(key)), this.sessionFactory,
				this.loadedFields));
	}

	/**
	 * The shape of whole entities, when the instances it builds are those Hibernate's loader would
	 * detach: a class without subclasses, bytecode enhancement or second-level cache, a simple id,
	 * no {@code @PostLoad} callback or load listener besides Hibernate's own, and fields that are
	 * basic values, embeddables of basic values, lazy collections, and lazy to-one relations whose
	 * foreign key to a proxied entity's id is in the entity's own table.
	 * @return the shape, or {@code null} when the entity must be read by Hibernate's loader
	 */
	@Nullable Shape whole() {
		return this.whole;
	}

	private boolean buildsWhole(SessionFactoryImplementor sessionFactory) {
		Class<?> type = this.persister.getMappedClass();
		EventListenerRegistry listeners = sessionFactory.getEventEngine().getListenerRegistry();
		if (this.persister.isPolymorphic() || this.persister.canWriteToCache() || Managed.class.isAssignableFrom(type)
				|| !(this.persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping)
				|| sessionFactory.getEventEngine().getCallbackRegistry().hasRegisteredCallbacks(type, CallbackType.POST_LOAD)
				|| !onlyOwnListeners(listeners.getEventListenerGroup(EventType.PRE_LOAD), DefaultPreLoadEventListener.class)
				|| !onlyOwnListeners(listeners.getEventListenerGroup(EventType.POST_LOAD), DefaultPostLoadEventListener.class)) {
			return false;
		}
		AttributeMappingsList attributes = this.persister.getAttributeMappings();
		for (int i = 0; i < attributes.size(); i++) {
			if (!buildsWhole(attributes.get(i))) {
				return false;
			}
		}
		return true;
	}

	private boolean buildsWhole(AttributeMapping attribute) {
		return attribute instanceof BasicAttributeMapping || embedsBasicValues(attribute)
				|| attribute instanceof PluralAttributeMapping plural && lazy(plural)
				|| attribute instanceof ToOneAttributeMapping toOne && lazy(toOne) && keyedHere(toOne)
						&& toOne.getEntityMappingType().getEntityPersister().hasProxy();
	}

	// Deprecated without a replacement that tells which listeners a group holds.
	@SuppressWarnings("deprecation")
	private static boolean onlyOwnListeners(EventListenerGroup<?> group, Class<?> own) {
		for (Object listener : group.listeners()) {
			if (listener.getClass() != own) {
				return false;
			}
		}
		return true;
	}

	private static boolean embedsBasicValues(AttributeMapping attribute) {
		if (!(attribute instanceof EmbeddedAttributeMapping embedded)) {
			return false;
		}
		AttributeMappingsList parts = embedded.getEmbeddableTypeDescriptor().getAttributeMappings();
		for (int i = 0; i < parts.size(); i++) {
			if (!(parts.get(i) instanceof BasicAttributeMapping || embedsBasicValues(parts.get(i)))) {
				return false;
			}
		}
		return true;
	}

	private static boolean lazy(AttributeMapping attribute) {
		return attribute.getMappedFetchOptions().getTiming() == FetchTiming.DELAYED;
	}

	/** Whether this entity's own table holds a to-one's foreign key to the related row's id. */
	private boolean keyedHere(SingularAttribute<?, ?> attribute) {
		return this.persister.findAttributeMapping(attribute.getName()) instanceof ToOneAttributeMapping toOne
				&& keyedHere(toOne);
	}

	private boolean keyedHere(ToOneAttributeMapping toOne) {
		return toOne.getSideNature() == ForeignKeyDescriptor.Nature.KEY && toOne.isReferenceToPrimaryKey()
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

		/** For each loaded attribute, the shape of the related row a {@code selectRelated} join reads, else {@code null}. */
		private final List<TupleEntities<?>.@Nullable Shape> joined = new ArrayList<>();

		/** The singular attributes not read, and the value each is left with. */
		private final Map<SingularAttribute<? super T, ?>, @Nullable Object> unset = new LinkedHashMap<>();

		/** The collections, left as collections that cannot load. */
		private final Map<Attribute<? super T, ?>, CollectionPersister> collections = new LinkedHashMap<>();

		private final Set<String> names;

		/** Whether the instances are recorded as partly read, for saves to write only what was read. */
		private final boolean partial;

		/** The number of selections: the id, then a column or a joined shape per loaded attribute. */
		private final int width;

		/**
		 * @param loading the fields read, paths across relations naming those of the joined rows
		 * @param followed the {@code selectRelated} chains from this entity, whose rows are joined and
		 * built from their columns instead of left as proxies
		 */
		private Shape(DeferredLoading loading, List<List<String>> followed) {
			String entityName = TupleEntities.this.persister.getEntityName();
			int width = 1;
			for (Attribute<? super T, ?> attribute : TupleEntities.this.model.attributes()) {
				if (attribute.isCollection()) {
					this.collections.put(attribute,
							TupleEntities.this.mapping.getCollectionDescriptor(entityName + "." + attribute.getName()));
				}
				else if (attribute instanceof SingularAttribute<? super T, ?> singular && !singular.isId()) {
					if (loading.loads(singular.getName())) {
						List<List<String>> further = followed.stream()
							.filter((chain) -> chain.get(0).equals(singular.getName()))
							.map((chain) -> chain.subList(1, chain.size()))
							.toList();
						TupleEntities<?>.Shape join = further.isEmpty() ? null
								: TupleEntities.this.entitiesOf(singular.getJavaType())
									.joinedShape(loading.related(singular.getName()), further);
						this.loaded.add(singular);
						this.related.add(singular.isAssociation()
								? TupleEntities.this.mapping.getEntityDescriptor(singular.getJavaType()) : null);
						this.joined.add(join);
						width += (join != null) ? join.width : 1;
					}
					else {
						this.unset.put(singular, DeferredFields.unsetValue(singular.getJavaType()));
					}
				}
			}
			this.width = width;
			this.partial = !this.unset.isEmpty();
			this.names = this.loaded.stream().map(Attribute::getName).collect(Collectors.toUnmodifiableSet());
		}

		/** The id, then each loaded attribute: its value, or the id it refers to for a to-one relation. */
		List<Selection<?>> selections(Root<T> root) {
			List<Selection<?>> selections = new ArrayList<>();
			addSelections(root, false, selections);
			return selections;
		}

		/**
		 * Adds the selections of the rows of {@code from}, joining the followed relations as Django's
		 * {@code select_related} does: inner for a required relation reached through required ones,
		 * else outer.
		 */
		private void addSelections(From<?, T> from, boolean outer, List<Selection<?>> selections) {
			selections.add(from.get(TupleEntities.this.model.id().getName()));
			for (int i = 0; i < this.loaded.size(); i++) {
				SingularAttribute<? super T, ?> attribute = this.loaded.get(i);
				TupleEntities<?>.Shape join = this.joined.get(i);
				if (join != null) {
					boolean outerHere = Joins.outerFollowing(outer, attribute);
					join.addJoined(from.join(attribute.getName(), outerHere ? JoinType.LEFT : JoinType.INNER), outerHere,
							selections);
				}
				else if (!attribute.isAssociation()) {
					selections.add(from.get(attribute.getName()));
				}
				else {
					// Without the foreign key of the related row's id in this table (an inverse one-to-one,
					// a join table, a key to another column), reading the id joins; an implicit join would
					// be inner and drop the rows without a related one.
					Path<?> related = keyedHere(attribute) ? from.get(attribute.getName())
							: from.join(attribute.getName(), JoinType.LEFT);
					selections.add(related.get(idOf((EntityType<?>) attribute.getType()).getName()));
				}
			}
		}

		@SuppressWarnings("unchecked")
		private void addJoined(From<?, ?> join, boolean outer, List<Selection<?>> selections) {
			addSelections((From<?, T>) join, outer, selections);
		}

		/** Builds an instance from a row of {@link #selections}; {@code session} is the one that read it. */
		T instance(List<?> row, SharedSessionContractImplementor session) {
			return TupleEntities.this.model.javaType().cast(build(row, 0, session));
		}

		/**
		 * Builds the instance whose columns start at {@code start}, or gives {@code null} when its id
		 * is {@code null}: an outer join that found no related row.
		 */
		private @Nullable Object build(List<?> row, int start, SharedSessionContractImplementor session) {
			Object id = row.get(start);
			if (id == null) {
				return null;
			}
			T instance = TupleEntities.this.model.javaType().cast(TupleEntities.this.persister.instantiate(id, session));
			int column = start + 1;
			for (int i = 0; i < this.loaded.size(); i++) {
				TupleEntities<?>.Shape join = this.joined.get(i);
				Object value;
				if (join != null) {
					value = join.build(row, column, session);
					column += join.width;
				}
				else {
					value = row.get(column++);
					EntityPersister related = this.related.get(i);
					value = (related != null && value != null) ? related.createProxy(value, null) : value;
				}
				EntityAttributes.set(instance, this.loaded.get(i), value);
			}
			this.unset.forEach((attribute, value) -> EntityAttributes.set(instance, attribute, value));
			this.collections.forEach((attribute, persister) -> {
				PersistentCollection<?> collection = persister.getCollectionSemantics()
					.instantiateWrapper(id, persister, session);
				collection.unsetSession(session);
				EntityAttributes.set(instance, attribute, collection);
			});
			if (this.partial) {
				TupleEntities.this.loadedFields.record(instance, this.names);
			}
			return instance;
		}

	}

}
