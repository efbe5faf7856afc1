package dev.asyncorm.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.engine.spi.CascadeStyle;
import org.hibernate.engine.spi.CascadingActions;
import org.hibernate.jpa.event.spi.CallbackRegistry;
import org.hibernate.jpa.event.spi.CallbackType;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.CollectionType;
import org.hibernate.type.EntityType;
import org.hibernate.type.ManyToOneType;
import org.hibernate.type.OneToOneType;
import org.hibernate.type.Type;
import org.jspecify.annotations.Nullable;

/**
 * One model of a deletion graph, read from Hibernate's mapping: the rows that go before its own
 * (children whose key has {@code ON DELETE CASCADE}, or that it removes by {@code cascade = REMOVE}
 * or {@code orphanRemoval} through an inverse one-to-many or one-to-one) and after them (the
 * targets of its own keys that it removes), as Django's collector follows {@code on_delete=CASCADE}.
 * A model with remove callbacks, an owned collection other than a join table, or a removal
 * cascade of another shape makes the graph unfollowable: its rows are removed as entities.
 */
final class CascadeModel {

	/** A relation the deletion follows: the rows of {@code target} whose {@code attribute} references the deleted ones, or that it names. */
	record Edge(CascadeModel target, String attribute) {
	}

	final EntityPersister persister;

	final JoinRows joinRows;

	/** The children that reference this model's rows and go before them. */
	final List<Edge> before = new ArrayList<>();

	/** This model's own to-one attributes whose targets go after its rows. */
	final List<Edge> after = new ArrayList<>();

	/** Whether these edges describe all a removal does, so that bulk statements can do it. */
	private boolean followable = true;

	private CascadeModel(EntityPersister persister, JoinRows joinRows) {
		this.persister = persister;
		this.joinRows = joinRows;
	}

	/** The graph of the model, or {@code null} when some model in it needs {@code EntityManager.remove}. */
	static @Nullable CascadeModel of(MappingMetamodel mapping, Class<?> model) {
		CascadeModel root = node(mapping, mapping.getEntityDescriptor(model), new HashMap<>());
		return root.followableThroughout() ? root : null;
	}

	/** Whether the rows go in one statement, with neither edges nor join rows. */
	boolean isLeaf() {
		return this.before.isEmpty() && this.after.isEmpty() && this.joinRows.isEmpty();
	}

	String name() {
		return this.persister.getJpaEntityName();
	}

	String idName() {
		return this.persister.getIdentifierPropertyName();
	}

	Class<?> javaType() {
		return this.persister.getMappedClass();
	}

	private boolean followableThroughout() {
		Set<CascadeModel> seen = new HashSet<>();
		Deque<CascadeModel> pending = new ArrayDeque<>(List.of(this));
		while (!pending.isEmpty()) {
			CascadeModel model = pending.pop();
			if (seen.add(model)) {
				if (!model.followable) {
					return false;
				}
				model.before.forEach((edge) -> pending.push(edge.target()));
				model.after.forEach((edge) -> pending.push(edge.target()));
			}
		}
		return true;
	}

	private static CascadeModel node(MappingMetamodel mapping, EntityPersister persister,
			Map<EntityPersister, CascadeModel> nodes) {
		CascadeModel existing = nodes.get(persister);
		if (existing != null) {
			return existing;
		}
		Class<?> type = persister.getMappedClass();
		CascadeModel node = new CascadeModel(persister, JoinRows.of(mapping, type));
		nodes.put(persister, node);
		node.followable = !hasOwnedCollectionsBesideJoinTables(mapping, type) && !hasRemoveCallbacks(persister);
		node.addOwnEdges(mapping, nodes);
		mapping.forEachEntityDescriptor((child) -> node.addOnDeleteCascadeChildren(mapping, child, nodes));
		return node;
	}

	private void addOwnEdges(MappingMetamodel mapping, Map<EntityPersister, CascadeModel> nodes) {
		String[] names = this.persister.getPropertyNames();
		Type[] types = this.persister.getPropertyTypes();
		CascadeStyle[] styles = this.persister.getPropertyCascadeStyles();
		for (int i = 0; i < names.length; i++) {
			boolean removes = styles[i].doCascade(CascadingActions.REMOVE) || styles[i].hasOrphanDelete();
			if (types[i] instanceof CollectionType collectionType) {
				CollectionPersister collection = mapping.getCollectionDescriptor(collectionType.getRole());
				if (removes || collection.isCascadeDeleteEnabled()) {
					addCollectionEdge(mapping, collection, nodes);
				}
			}
			else if (removes && types[i] instanceof EntityType entityType) {
				addToOneEdge(mapping, names[i], entityType, nodes);
			}
		}
	}

	private void addCollectionEdge(MappingMetamodel mapping, CollectionPersister collection,
			Map<EntityPersister, CascadeModel> nodes) {
		String mappedBy = collection.getMappedByProperty();
		if (!collection.isInverse() || !collection.isOneToMany() || mappedBy == null || mappedBy.isEmpty()) {
			this.followable = false;
			return;
		}
		addEdge(this.before, node(mapping, collection.getElementPersister(), nodes), mappedBy);
	}

	private void addToOneEdge(MappingMetamodel mapping, String name, EntityType type,
			Map<EntityPersister, CascadeModel> nodes) {
		EntityPersister target = mapping.getEntityDescriptor(type.getAssociatedEntityName());
		if (type instanceof ManyToOneType && type.isReferenceToPrimaryKey()) {
			addEdge(this.after, node(mapping, target, nodes), name);
		}
		else if (type instanceof OneToOneType && type.getRHSUniqueKeyPropertyName() != null) {
			addEdge(this.before, node(mapping, target, nodes), type.getRHSUniqueKeyPropertyName());
		}
		else {
			this.followable = false;
		}
	}

	/** The to-one keys of {@code child} that reference this model with {@code ON DELETE CASCADE}. */
	private void addOnDeleteCascadeChildren(MappingMetamodel mapping, EntityPersister child,
			Map<EntityPersister, CascadeModel> nodes) {
		OnDeleteAction[] actions = child.getPropertyOnDeleteActions();
		Type[] types = child.getPropertyTypes();
		for (int i = 0; i < types.length; i++) {
			if (actions[i] == OnDeleteAction.CASCADE && types[i] instanceof ManyToOneType type
					&& mapping.getEntityDescriptor(type.getAssociatedEntityName()).getMappedClass()
						.isAssignableFrom(javaType())) {
				if (!type.isReferenceToPrimaryKey()) {
					this.followable = false;
					return;
				}
				addEdge(this.before, node(mapping, child, nodes), child.getPropertyNames()[i]);
			}
		}
	}

	private static void addEdge(List<Edge> edges, CascadeModel target, String attribute) {
		Edge edge = new Edge(target, attribute);
		if (!edges.contains(edge)) {
			edges.add(edge);
		}
	}

	/** Whether {@code @PreRemove} or {@code @PostRemove} callbacks expect each row removed as an entity. */
	private static boolean hasRemoveCallbacks(EntityPersister persister) {
		CallbackRegistry callbacks = persister.getFactory().getEventEngine().getCallbackRegistry();
		return callbacks.hasRegisteredCallbacks(persister.getMappedClass(), CallbackType.PRE_REMOVE)
				|| callbacks.hasRegisteredCallbacks(persister.getMappedClass(), CallbackType.POST_REMOVE);
	}

	private static boolean hasOwnedCollectionsBesideJoinTables(MappingMetamodel mapping, Class<?> model) {
		boolean[] found = { false };
		mapping.forEachCollectionDescriptor((collection) -> {
			boolean owned = !collection.isInverse()
					&& collection.getOwnerEntityPersister().getMappedClass().isAssignableFrom(model);
			found[0] |= owned && !collection.isManyToMany();
		});
		return found[0];
	}

}
