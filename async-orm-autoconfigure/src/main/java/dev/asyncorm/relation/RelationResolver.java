package dev.asyncorm.relation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import dev.asyncorm.InvalidLookupException;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Finds what a relation name means for an owner type: a collection attribute of the owner
 * (many-to-many from either side, or {@code @OneToMany(mappedBy)}), or Django's default name
 * {@code <model>_set} of a relation that another entity maps without an inverse attribute. Join
 * tables come from Hibernate's collection persisters, never from user input.
 */
final class RelationResolver {

	private static final String SET_SUFFIX = "_set";

	private final Metamodel metamodel;

	private final MappingMetamodel mapping;

	RelationResolver(EntityManagerFactory entityManagerFactory) {
		this.metamodel = entityManagerFactory.getMetamodel();
		this.mapping = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel();
	}

	Relation resolve(Class<?> ownerType, String name) {
		EntityType<?> owner = this.metamodel.entity(ownerType);
		Attribute<?, ?> attribute = attribute(owner, name);
		if (attribute instanceof PluralAttribute<?, ?, ?> plural) {
			return fromOwnerAttribute(owner, plural);
		}
		if (attribute != null) {
			throw new InvalidLookupException("'" + name + "' of " + owner.getName() + " is not a collection relation"
					+ (attribute.isAssociation() ? "; read a to-one relation with relatedObject(owner, \"" + name + "\")" : "")
					+ ". Relations are: " + String.join(", ", relationNames(owner)));
		}
		if (name.endsWith(SET_SUFFIX)) {
			Relation unmapped = fromOtherSide(owner, name);
			if (unmapped != null) {
				return unmapped;
			}
		}
		throw new InvalidLookupException("Cannot resolve relation '" + name + "' of " + owner.getName()
				+ ". Relations are: " + String.join(", ", relationNames(owner)));
	}

	/** Reads a forward to-one attribute of the owner, for {@code relatedObject}. */
	SingularAttribute<?, ?> toOne(Class<?> ownerType, String name) {
		EntityType<?> owner = this.metamodel.entity(ownerType);
		Attribute<?, ?> attribute = attribute(owner, name);
		if (attribute instanceof SingularAttribute<?, ?> singular && singular.isAssociation()) {
			return singular;
		}
		List<String> toOnes = owner.getAttributes().stream()
			.filter((candidate) -> candidate instanceof SingularAttribute && candidate.isAssociation())
			.map(Attribute::getName)
			.sorted()
			.toList();
		throw new InvalidLookupException("'" + name + "' is not a to-one relation of " + owner.getName()
				+ ". To-one relations are: " + String.join(", ", toOnes));
	}

	private Relation fromOwnerAttribute(EntityType<?> owner, PluralAttribute<?, ?, ?> attribute) {
		Class<?> targetType = attribute.getElementType().getJavaType();
		CollectionPersister collection = collection(owner, attribute.getName());
		String mappedBy = collection.getMappedByProperty();
		if (attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.MANY_TO_MANY) {
			Relation.JoinTable joinTable;
			if (collection.isInverse() && mappedBy != null) {
				EntityType<?> target = this.metamodel.entity(targetType);
				joinTable = joinTable(collection(target, mappedBy), true);
			}
			else {
				joinTable = joinTable(collection, false);
			}
			return new Relation.ManyToMany(attribute.getName(), owner.getJavaType(), targetType, idName(owner),
					idName(this.metamodel.entity(targetType)), attribute.getName(), null, joinTable);
		}
		if (attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.ONE_TO_MANY && mappedBy != null) {
			EntityType<?> target = this.metamodel.entity(targetType);
			SingularAttribute<?, ?> foreignKey = target.getSingularAttribute(mappedBy);
			return new Relation.ReverseForeignKey(attribute.getName(), owner.getJavaType(), targetType, idName(owner),
					idName(target), mappedBy, foreignKey.isOptional());
		}
		throw new InvalidLookupException("'" + attribute.getName() + "' of " + owner.getName()
				+ " is a " + attribute.getPersistentAttributeType() + " collection without mappedBy; related managers "
				+ "support many-to-many relations and @OneToMany(mappedBy) reverse foreign keys.");
	}

	/** Django's {@code story_set}: a relation mapped only on the other entity. */
	private @Nullable Relation fromOtherSide(EntityType<?> owner, String name) {
		String modelName = name.substring(0, name.length() - SET_SUFFIX.length());
		List<Relation> candidates = new ArrayList<>();
		for (EntityType<?> target : this.metamodel.getEntities()) {
			if (!target.getName().toLowerCase(Locale.ROOT).equals(modelName)) {
				continue;
			}
			for (Attribute<?, ?> attribute : target.getAttributes()) {
				if (attribute instanceof SingularAttribute<?, ?> foreignKey && attribute.isAssociation()
						&& attribute.getJavaType().isAssignableFrom(owner.getJavaType())) {
					candidates.add(new Relation.ReverseForeignKey(name, owner.getJavaType(), target.getJavaType(),
							idName(owner), idName(target), attribute.getName(), foreignKey.isOptional()));
				}
				else if (attribute instanceof PluralAttribute<?, ?, ?> plural
						&& plural.getPersistentAttributeType() == Attribute.PersistentAttributeType.MANY_TO_MANY
						&& plural.getElementType().getJavaType().isAssignableFrom(owner.getJavaType())) {
					CollectionPersister collection = collection(target, attribute.getName());
					if (!collection.isInverse()) {
						candidates.add(new Relation.ManyToMany(name, owner.getJavaType(), target.getJavaType(),
								idName(owner), idName(target), null, attribute.getName(), joinTable(collection, true)));
					}
				}
			}
		}
		if (candidates.size() > 1) {
			throw new InvalidLookupException("'" + name + "' of " + owner.getName() + " is ambiguous: " + modelName
					+ " relates to " + owner.getName() + " " + candidates.size() + " times; map the inverse side with "
					+ "mappedBy and use its attribute name.");
		}
		return candidates.isEmpty() ? null : candidates.get(0);
	}

	private CollectionPersister collection(EntityType<?> owner, String attribute) {
		return this.mapping.getCollectionDescriptor(owner.getJavaType().getName() + "." + attribute);
	}

	/** The join table seen from the owner; {@code fromElementSide} when the owner is the collection's element. */
	private Relation.JoinTable joinTable(CollectionPersister collection, boolean fromElementSide) {
		AbstractCollectionPersister persister = (AbstractCollectionPersister) collection;
		String key = single(persister.getKeyColumnNames(), persister);
		String element = single(persister.getElementColumnNames(), persister);
		ThroughEntity through = throughEntity(persister.getTableName());
		return fromElementSide ? new Relation.JoinTable(persister.getTableName(), element, key, through)
				: new Relation.JoinTable(persister.getTableName(), key, element, through);
	}

	/** The entity mapped to the join table itself, whose extra columns through defaults fill. */
	private @Nullable ThroughEntity throughEntity(String table) {
		List<ThroughEntity> found = new ArrayList<>();
		this.mapping.forEachEntityDescriptor((entity) -> {
			if (entity.getTableName().equalsIgnoreCase(table) && entity instanceof AbstractEntityPersister persister) {
				found.add(new ThroughEntity(this.metamodel.entity(entity.getMappedClass()), persister));
			}
		});
		return found.isEmpty() ? null : found.get(0);
	}

	private static String single(String[] columns, AbstractCollectionPersister persister) {
		if (columns.length != 1) {
			throw new InvalidLookupException(persister.getRole() + " has a composite key; related managers support "
					+ "single-column keys.");
		}
		return columns[0];
	}

	private static @Nullable Attribute<?, ?> attribute(ManagedType<?> type, String name) {
		return type.getAttributes().stream().filter((attribute) -> attribute.getName().equals(name)).findFirst().orElse(null);
	}

	private static String idName(EntityType<?> type) {
		return type.getId(type.getIdType().getJavaType()).getName();
	}

	/**
	 * The owner's collection attributes, and the {@code <model>_set} names of the relations that
	 * point at the owner from another entity and that the owner does not map itself.
	 */
	private List<String> relationNames(EntityType<?> owner) {
		TreeSet<String> names = new TreeSet<>();
		owner.getAttributes().stream().filter((attribute) -> attribute instanceof PluralAttribute).forEach((attribute) -> names.add(attribute.getName()));
		for (EntityType<?> other : this.metamodel.getEntities()) {
			for (Attribute<?, ?> attribute : other.getAttributes()) {
				if (pointsAt(owner, other, attribute) && !mappedByOwner(owner, other, attribute.getName())) {
					names.add(other.getName().toLowerCase(Locale.ROOT) + SET_SUFFIX);
				}
			}
		}
		return List.copyOf(names);
	}

	private boolean pointsAt(EntityType<?> owner, EntityType<?> other, Attribute<?, ?> attribute) {
		if (attribute instanceof SingularAttribute && attribute.isAssociation()) {
			return attribute.getJavaType().isAssignableFrom(owner.getJavaType());
		}
		return attribute instanceof PluralAttribute<?, ?, ?> plural
				&& plural.getPersistentAttributeType() == Attribute.PersistentAttributeType.MANY_TO_MANY
				&& plural.getElementType().getJavaType().isAssignableFrom(owner.getJavaType())
				&& !collection(other, attribute.getName()).isInverse();
	}

	/** Whether one of the owner's collections is the inverse side ({@code mappedBy}) of that attribute. */
	private boolean mappedByOwner(EntityType<?> owner, EntityType<?> other, String attribute) {
		return owner.getAttributes().stream()
			.filter((candidate) -> candidate instanceof PluralAttribute<?, ?, ?> plural
					&& plural.getElementType().getJavaType().equals(other.getJavaType()))
			.anyMatch((candidate) -> attribute.equals(collection(owner, candidate.getName()).getMappedByProperty()));
	}

}
