package dev.asyncorm.query;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.asyncorm.InvalidLookupException;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the field part of a lookup, {@code box__name} or {@code story__headline}, against the
 * JPA metamodel: attributes, {@code pk}, {@code <relation>_id}, and Django's default query names
 * of the relations that only the other entity maps (the entity name in lower case).
 */
final class PathResolver {

	private static final String PK = "pk";

	private static final String ID_SUFFIX = "_id";

	private final Metamodel metamodel;

	private final ConcurrentMap<Class<?>, Map<String, List<Hop>>> inverseNames = new ConcurrentHashMap<>();

	PathResolver(Metamodel metamodel) {
		this.metamodel = metamodel;
	}

	/** Resolves a whole name as a field, for ordering and projections. */
	FieldPath field(EntityType<?> model, String name) {
		String[] parts = name.split("__", -1);
		Resolved resolved = resolve(model, parts);
		if (resolved.consumed() < parts.length) {
			EntityType<?> reached = (resolved.path().relation() != null) ? resolved.path().relation() : model;
			throw unknown(parts[resolved.consumed()], reached);
		}
		return resolved.path();
	}

	/**
	 * Resolves the longest field path at the start of a lookup's parts; the parts after it are
	 * transforms and the lookup.
	 */
	Resolved resolve(EntityType<?> model, String[] parts) {
		EntityType<?> current = model;
		List<Hop> hops = new ArrayList<>();
		boolean nullable = false;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			boolean more = i + 1 < parts.length;
			String written = String.join("__", Arrays.copyOf(parts, i + 1));
			if (PK.equals(part)) {
				return done(written, hops, List.of(), idOf(current), null, nullable, i);
			}
			Attribute<?, ?> attribute = attribute(current, part);
			if (attribute == null) {
				if (part.endsWith(ID_SUFFIX) && attribute(current,
						part.substring(0, part.length() - ID_SUFFIX.length())) instanceof SingularAttribute<?, ?> toOne
						&& toOne.isAssociation() && owning(toOne)) {
					SingularAttribute<?, ?> targetId = idOf(entity(toOne.getJavaType()));
					return done(written, hops, List.of(toOne.getName(), targetId.getName()), targetId, null,
							nullable || toOne.isOptional(), i);
				}
				List<Hop> inverse = inverseNames(current).get(part);
				if (inverse == null) {
					throw unknown(part, current);
				}
				if (inverse.size() > 1) {
					throw new InvalidLookupException("'" + part + "' of " + current.getName() + " is ambiguous: "
							+ inverse.get(0).target().getName() + " relates to " + current.getName() + " "
							+ inverse.size() + " times; map the inverse side with mappedBy and use its attribute name.");
				}
				Hop hop = inverse.get(0);
				hops.add(hop);
				current = hop.target();
				nullable = true;
				if (!more || !isField(current, parts[i + 1])) {
					return done(written, hops, List.of(), idOf(current), current, true, i);
				}
				continue;
			}
			if (attribute instanceof SingularAttribute<?, ?> singular && !singular.isAssociation()) {
				if (attribute.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC) {
					throw new InvalidLookupException("Field '" + written + "' is " + attribute.getPersistentAttributeType()
							+ "; lookups support basic fields and relations.");
				}
				return done(written, hops, List.of(singular.getName()), singular, null, nullable || singular.isOptional(), i);
			}
			EntityType<?> target = entity(targetType(attribute));
			boolean toOne = attribute instanceof SingularAttribute<?, ?>;
			boolean optional = !toOne || ((SingularAttribute<?, ?>) attribute).isOptional();
			if (toOne && owning(attribute) && (!more || !isField(target, parts[i + 1]) || isId(target, parts[i + 1]))) {
				int consumed = (more && isId(target, parts[i + 1])) ? i + 1 : i;
				return done(String.join("__", Arrays.copyOf(parts, consumed + 1)), hops, List.of(attribute.getName(),
						idOf(target).getName()), idOf(target), (consumed == i) ? target : null, nullable || optional, consumed);
			}
			hops.add(new Hop(part, Hop.Kind.ATTRIBUTE, attribute.getName(), target, !toOne));
			current = target;
			nullable = nullable || optional || !toOne;
			if (!more || !isField(current, parts[i + 1])) {
				return done(written, hops, List.of(idOf(current).getName()), idOf(current), current, nullable, i);
			}
		}
		throw new InvalidLookupException("Empty lookup.");
	}

	private static Resolved done(String name, List<Hop> hops, List<String> leaf, SingularAttribute<?, ?> attribute,
			@Nullable EntityType<?> relation, boolean nullable, int index) {
		List<String> names = leaf.isEmpty() ? List.of(attribute.getName()) : leaf;
		return new Resolved(new FieldPath(name, List.copyOf(hops), names, attribute, relation, nullable), index + 1);
	}

	private boolean isField(EntityType<?> type, String part) {
		if (PK.equals(part) || attribute(type, part) != null || inverseNames(type).containsKey(part)) {
			return true;
		}
		return part.endsWith(ID_SUFFIX)
				&& attribute(type, part.substring(0, part.length() - ID_SUFFIX.length())) instanceof SingularAttribute<?, ?> toOne
				&& toOne.isAssociation();
	}

	private static boolean isId(EntityType<?> type, String part) {
		return PK.equals(part) || idOf(type).getName().equals(part);
	}

	private EntityType<?> entity(Class<?> type) {
		return this.metamodel.entity(type);
	}

	private static Class<?> targetType(Attribute<?, ?> attribute) {
		return (attribute instanceof PluralAttribute<?, ?, ?> plural) ? plural.getElementType().getJavaType()
				: attribute.getJavaType();
	}

	static SingularAttribute<?, ?> idOf(EntityType<?> type) {
		return type.getId(type.getIdType().getJavaType());
	}

	private static @Nullable Attribute<?, ?> attribute(EntityType<?> type, String name) {
		for (Attribute<?, ?> attribute : type.getAttributes()) {
			if (attribute.getName().equals(name)) {
				return attribute;
			}
		}
		return null;
	}

	/** Whether the entity's table holds the relation's foreign key: not the inverse side of a one-to-one. */
	private static boolean owning(Attribute<?, ?> attribute) {
		return !(attribute.getJavaMember() instanceof AnnotatedElement member)
				|| !member.isAnnotationPresent(OneToOne.class) || member.getAnnotation(OneToOne.class).mappedBy().isEmpty();
	}

	/** The {@code mappedBy} of an inverse attribute, or an empty string. */
	private static String mappedBy(Attribute<?, ?> attribute) {
		if (!(attribute.getJavaMember() instanceof AnnotatedElement member)) {
			return "";
		}
		if (member.isAnnotationPresent(OneToMany.class)) {
			return member.getAnnotation(OneToMany.class).mappedBy();
		}
		if (member.isAnnotationPresent(ManyToMany.class)) {
			return member.getAnnotation(ManyToMany.class).mappedBy();
		}
		return member.isAnnotationPresent(OneToOne.class) ? member.getAnnotation(OneToOne.class).mappedBy() : "";
	}

	/**
	 * Django's query names of the relations other entities map to this one and this one does not
	 * map back: the other entity's name in lower case, several hops when it is ambiguous.
	 */
	Map<String, List<Hop>> inverseNames(EntityType<?> type) {
		return this.inverseNames.computeIfAbsent(type.getJavaType(), (key) -> findInverseNames(type));
	}

	private Map<String, List<Hop>> findInverseNames(EntityType<?> type) {
		Map<String, List<Hop>> names = new LinkedHashMap<>();
		for (EntityType<?> other : this.metamodel.getEntities()) {
			for (Attribute<?, ?> attribute : other.getAttributes()) {
				Hop hop = inverseHop(type, other, attribute);
				if (hop != null && !mappedBack(type, other, attribute.getName())) {
					names.computeIfAbsent(hop.name(), (name) -> new ArrayList<>()).add(hop);
				}
			}
		}
		names.replaceAll((name, hops) -> List.copyOf(hops));
		return Map.copyOf(names);
	}

	private static @Nullable Hop inverseHop(EntityType<?> type, EntityType<?> other, Attribute<?, ?> attribute) {
		String name = other.getName().toLowerCase(Locale.ROOT);
		if (!targetType(attribute).isAssignableFrom(type.getJavaType()) || !mappedBy(attribute).isEmpty()) {
			return null;
		}
		return switch (attribute.getPersistentAttributeType()) {
			case MANY_TO_ONE -> new Hop(name, Hop.Kind.INVERSE_TO_ONE, attribute.getName(), other, true);
			case ONE_TO_ONE -> new Hop(name, Hop.Kind.INVERSE_TO_ONE, attribute.getName(), other, false);
			case MANY_TO_MANY -> new Hop(name, Hop.Kind.INVERSE_MANY_TO_MANY, attribute.getName(), other, true);
			default -> null;
		};
	}

	/** Whether the entity maps the other side of that attribute itself ({@code mappedBy}). */
	private static boolean mappedBack(EntityType<?> type, EntityType<?> other, String attribute) {
		return type.getAttributes().stream()
			.anyMatch((candidate) -> candidate.isAssociation() && targetType(candidate).isAssignableFrom(other.getJavaType())
					&& attribute.equals(mappedBy(candidate)));
	}

	/** The names a lookup may start with on this entity. */
	List<String> choices(EntityType<?> type) {
		TreeSet<String> names = new TreeSet<>();
		names.add(PK);
		type.getAttributes().forEach((attribute) -> names.add(attribute.getName()));
		names.addAll(inverseNames(type).keySet());
		return List.copyOf(names);
	}

	private InvalidLookupException unknown(String part, EntityType<?> type) {
		return new InvalidLookupException("Cannot resolve keyword '" + part + "' into field of " + type.getName()
				+ ". Choices are: " + String.join(", ", choices(type)));
	}

	/**
	 * A resolved field and how many parts of the lookup it took.
	 *
	 * @param path the field
	 * @param consumed the number of parts that name the field
	 */
	record Resolved(FieldPath path, int consumed) {
	}

}
