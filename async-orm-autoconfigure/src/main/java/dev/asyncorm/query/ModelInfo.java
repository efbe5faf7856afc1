package dev.asyncorm.query;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.ModelOptions;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.annotations.NaturalId;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;

/**
 * What async-orm knows of one entity: its JPA metamodel attributes by name, its id and its
 * {@link ModelOptions}. Field names of lookups are checked here, never passed on as text.
 *
 * @param <T> the entity type
 */
final class ModelInfo<T> {

	private static final String EXACT = "__exact";

	private static final String ID_SUFFIX = "_id";

	private final Class<T> javaType;

	private final EntityType<T> entityType;

	private final Map<String, Attribute<? super T, ?>> attributes = new LinkedHashMap<>();

	private final SingularAttribute<? super T, ?> id;

	private final boolean idGenerated;

	private final List<String> ordering;

	private final List<String> getLatestBy;

	ModelInfo(EntityType<T> entityType) {
		this.entityType = entityType;
		this.javaType = entityType.getJavaType();
		entityType.getAttributes().stream()
			.sorted(Comparator.comparing(Attribute::getName))
			.forEach((attribute) -> this.attributes.put(attribute.getName(), attribute));
		this.id = entityType.getId(entityType.getIdType().getJavaType());
		this.idGenerated = (this.id.getJavaMember() instanceof AnnotatedElement member)
				&& member.isAnnotationPresent(GeneratedValue.class);
		ModelOptions options = this.javaType.getAnnotation(ModelOptions.class);
		this.ordering = (options != null) ? List.of(options.ordering()) : List.of();
		this.getLatestBy = (options != null) ? List.of(options.getLatestBy()) : List.of();
	}

	Class<T> javaType() {
		return this.javaType;
	}

	EntityType<T> entityType() {
		return this.entityType;
	}

	/** The entity name, as Django's model name and DeleteResult keys use it. */
	String name() {
		return this.entityType.getName();
	}

	SingularAttribute<? super T, ?> id() {
		return this.id;
	}

	/**
	 * Whether a lookup compares the primary key for equality ({@code pk}, {@code pk__exact}, or the
	 * id's own name), on a model whose id is one basic attribute.
	 */
	boolean isPrimaryKeyLookup(String lookup) {
		String field = lookup.endsWith(EXACT) ? lookup.substring(0, lookup.length() - EXACT.length()) : lookup;
		return (field.equals("pk") || field.equals(this.id.getName())) && this.entityType.hasSingleIdAttribute()
				&& this.id.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC;
	}

	/** Whether the database or Hibernate generates the id, so that an insert cannot choose it. */
	boolean idGenerated() {
		return this.idGenerated;
	}

	List<String> ordering() {
		return this.ordering;
	}

	List<String> getLatestBy() {
		return this.getLatestBy;
	}

	/**
	 * Resolves a field name; {@code pk} means the id.
	 * @throws InvalidLookupException naming the valid fields when there is no such field
	 */
	Attribute<? super T, ?> attribute(String name) {
		if ("pk".equals(name)) {
			return this.id;
		}
		Attribute<? super T, ?> attribute = this.attributes.get(name);
		if (attribute == null) {
			throw new InvalidLookupException("Cannot resolve keyword '" + name + "' into field of " + name()
					+ ". Choices are: " + String.join(", ", choices()));
		}
		return attribute;
	}

	/**
	 * Tells whether the model has a field of this name ({@code pk} included).
	 * @param name the name
	 * @return whether it has
	 */
	boolean hasField(String name) {
		return "pk".equals(name) || this.attributes.containsKey(name);
	}

	/** Resolves a field that must hold a basic value (not a relation or collection). */
	SingularAttribute<? super T, ?> basicAttribute(String name) {
		Attribute<? super T, ?> attribute = attribute(name);
		if (attribute.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC
				|| !(attribute instanceof SingularAttribute<? super T, ?> singular)) {
			throw new InvalidLookupException("Field '" + name + "' of " + name() + " is a relation, not a basic field. "
					+ "Basic fields are: " + String.join(", ", basicNames()));
		}
		return singular;
	}

	/**
	 * The to-one relation whose foreign key a name gives by Django's column name ({@code box_id}
	 * for {@code box}), or {@code null} when the name is a field of its own or names no relation.
	 */
	@Nullable SingularAttribute<? super T, ?> relationByColumnName(String name) {
		if (!name.endsWith(ID_SUFFIX) || hasField(name)) {
			return null;
		}
		Attribute<? super T, ?> relation = this.attributes.get(name.substring(0, name.length() - ID_SUFFIX.length()));
		return (relation instanceof SingularAttribute<? super T, ?> singular && singular.isAssociation()) ? singular
				: null;
	}

	/**
	 * Resolves a field that a row's value can be written to: a basic field or a to-one relation,
	 * also by its column name ({@code box_id}).
	 */
	SingularAttribute<? super T, ?> writableAttribute(String name) {
		SingularAttribute<? super T, ?> relation = relationByColumnName(name);
		if (relation != null) {
			return relation;
		}
		Attribute<? super T, ?> attribute = attribute(name);
		if (!(attribute instanceof SingularAttribute<? super T, ?> singular)) {
			throw new InvalidLookupException("Field '" + name + "' of " + name() + " is a collection; it cannot be "
					+ "assigned a value. Fields are: " + String.join(", ", singularNames()));
		}
		return singular;
	}

	/**
	 * Resolves the fields of {@code only()} or {@code defer()}: the model's own singular fields,
	 * {@code pk} meaning the id, or paths across to-one relations to a singular field of the
	 * related model ({@code box__name}), which a {@code selectRelated} join reads.
	 * @throws InvalidLookupException for an unknown field, a collection, or a path through a field
	 * that is not a to-one relation
	 */
	List<String> loadableNames(String[] fields, String operation) {
		List<String> names = new ArrayList<>();
		for (String field : fields) {
			String[] parts = field.split("__", -1);
			Attribute<? super T, ?> first = attribute(parts[0]);
			if (first.isCollection()) {
				throw new InvalidLookupException(operation + "() takes fields of " + name() + "; '" + field
						+ "' is a many-valued relation. Fields are: " + String.join(", ", singularNames()));
			}
			StringBuilder name = new StringBuilder(first.getName());
			ManagedType<?> type = this.entityType;
			Attribute<?, ?> attribute = first;
			for (int i = 1; i < parts.length; i++) {
				if (!(attribute instanceof SingularAttribute<?, ?> singular) || !attribute.isAssociation()) {
					throw new InvalidLookupException(operation + "() cannot follow '" + parts[i - 1] + "' in '" + field
							+ "': " + type.getJavaType().getSimpleName() + "." + parts[i - 1]
							+ " is not a to-one relation.");
				}
				type = (ManagedType<?>) singular.getType();
				attribute = loadable(type, parts[i], field, operation);
				name.append("__").append(attribute.getName());
			}
			names.add(name.toString());
		}
		return names;
	}

	/** The singular attribute a path across relations names in a related model. */
	private static Attribute<?, ?> loadable(ManagedType<?> type, String name, String field, String operation) {
		List<String> singular = type.getAttributes().stream()
			.filter((attribute) -> !attribute.isCollection())
			.map(Attribute::getName)
			.sorted()
			.toList();
		Attribute<?, ?> attribute = type.getAttributes().stream()
			.filter((candidate) -> candidate.getName().equals(name) && !candidate.isCollection())
			.findFirst()
			.orElseThrow(() -> new InvalidLookupException(operation + "() cannot resolve '" + name + "' in '" + field
					+ "' into a field of " + type.getJavaType().getSimpleName() + ". Fields are: "
					+ String.join(", ", singular)));
		return attribute;
	}

	/** Whether a field holds unique values: the id, a {@code @Column(unique = true)} or a {@code @NaturalId}. */
	boolean isUnique(SingularAttribute<? super T, ?> attribute) {
		if (attribute.isId()) {
			return true;
		}
		if (!(attribute.getJavaMember() instanceof AnnotatedElement member)) {
			return false;
		}
		Column column = member.getAnnotation(Column.class);
		return (column != null && column.unique()) || member.isAnnotationPresent(NaturalId.class);
	}

	/** The to-one relations of the model, which {@code selectRelated()} with no argument fetches. */
	List<String> toOneNames() {
		return this.attributes.values().stream()
			.filter((attribute) -> attribute instanceof SingularAttribute && attribute.isAssociation())
			.map(Attribute::getName)
			.toList();
	}

	/**
	 * Resolves {@code box} or {@code box__owner} into attribute names, each a to-one relation.
	 * @throws InvalidLookupException naming the valid relations otherwise
	 */
	List<String> toOneChain(String path) {
		List<String> chain = new ArrayList<>();
		ManagedType<?> type = this.entityType;
		for (String name : path.split("__", -1)) {
			Attribute<?, ?> attribute = type.getAttributes().stream()
				.filter((candidate) -> candidate.getName().equals(name))
				.findFirst()
				.orElse(null);
			if (!(attribute instanceof SingularAttribute<?, ?> singular) || !attribute.isAssociation()) {
				List<String> choices = type.getAttributes().stream()
					.filter((candidate) -> candidate instanceof SingularAttribute && candidate.isAssociation())
					.map(Attribute::getName)
					.sorted()
					.toList();
				throw new InvalidLookupException("Invalid field name(s) given in selectRelated: '" + name
						+ "'. Choices are: " + (choices.isEmpty() ? "(none)" : String.join(", ", choices)));
			}
			chain.add(name);
			type = (ManagedType<?>) singular.getType();
		}
		return List.copyOf(chain);
	}

	/**
	 * Checks a relation of {@code prefetchRelated}: a relation attribute of the model.
	 * @throws InvalidLookupException otherwise
	 */
	void requireRelation(String name) {
		Attribute<? super T, ?> attribute = this.attributes.get(name);
		if (attribute == null || !attribute.isAssociation()) {
			throw new InvalidLookupException("Cannot find '" + name + "' on " + name() + " object, '" + name
					+ "' is an invalid parameter to prefetchRelated(); relations are: " + String.join(", ",
							this.attributes.values().stream().filter(Attribute::isAssociation).map(Attribute::getName).toList())
					+ ".");
		}
	}

	List<String> choices() {
		return Stream.concat(Stream.of("pk"), this.attributes.keySet().stream()).sorted().toList();
	}

	List<String> basicNames() {
		return this.attributes.values().stream()
			.filter((attribute) -> attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC)
			.map(Attribute::getName)
			.toList();
	}

	List<String> singularNames() {
		return this.attributes.values().stream()
			.filter((attribute) -> attribute instanceof SingularAttribute)
			.map(Attribute::getName)
			.toList();
	}

	/**
	 * The fields of {@code values()} with no argument, as Django gives them: the id, the other
	 * basic fields, then each to-one relation's id as {@code <relation>_id}.
	 */
	List<String> valueNames() {
		List<String> names = new ArrayList<>();
		names.add(this.id.getName());
		this.attributes.values().stream()
			.filter((attribute) -> attribute.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC
					&& attribute != this.id)
			.forEach((attribute) -> names.add(attribute.getName()));
		this.attributes.values().stream()
			.filter((attribute) -> attribute instanceof SingularAttribute && attribute.isAssociation())
			.forEach((attribute) -> names.add(attribute.getName() + "_id"));
		return List.copyOf(names);
	}

	Iterable<Attribute<? super T, ?>> attributes() {
		return this.attributes.values();
	}

	@Nullable Object idOf(T entity) {
		return EntityAttributes.get(entity, this.id);
	}

	T instantiate() {
		return BeanUtils.instantiateClass(this.javaType);
	}

}
