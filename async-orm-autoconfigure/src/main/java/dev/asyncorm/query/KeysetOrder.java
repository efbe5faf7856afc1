package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * The total order of a keyset iteration: a queryset's explicit order over non-null basic fields,
 * then the primary key, and the condition that selects the rows after a given row in it.
 *
 * @param <T> the entity type
 */
final class KeysetOrder<T> {

	private final List<OrderTerm> terms;

	private final List<SingularAttribute<? super T, ?>> attributes;

	private KeysetOrder(List<OrderTerm> terms, List<SingularAttribute<? super T, ?>> attributes) {
		this.terms = List.copyOf(terms);
		this.attributes = List.copyOf(attributes);
	}

	/**
	 * Orders by the given terms, then by primary key; by primary key alone when there is no term.
	 * @throws InvalidDataAccessApiUsageException for an order that a keyset cannot follow
	 */
	static <T> KeysetOrder<T> of(ModelInfo<T> model, @Nullable List<OrderTerm> ordering) {
		SingularAttribute<? super T, ?> id = keyAttribute(model, model.id().getName());
		List<OrderTerm> terms = new ArrayList<>();
		List<SingularAttribute<? super T, ?>> attributes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (OrderTerm term : (ordering != null) ? ordering : List.<OrderTerm>of()) {
			if (term.operand() == null) {
				throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " in random order: "
						+ "iterator() reads chunks by keyset, which needs a stable order.");
			}
			String field = (term.operand() instanceof FieldPath path && path.hops().isEmpty() && path.leaf().size() == 1)
					? path.leaf().get(0) : term.operand().name();
			if (seen.add(field)) {
				terms.add(term);
				attributes.add(keyAttribute(model, field));
			}
			if (field.equals(id.getName())) {
				// The primary key is unique: terms after it cannot change the order.
				return new KeysetOrder<>(terms, attributes);
			}
		}
		terms.add(new OrderTerm(new FieldPath(id.getName(), List.of(), List.of(id.getName()), id, null, false), false));
		attributes.add(id);
		return new KeysetOrder<>(terms, attributes);
	}

	private static <T> SingularAttribute<? super T, ?> keyAttribute(ModelInfo<T> model, String field) {
		for (Attribute<? super T, ?> attribute : model.attributes()) {
			if (attribute.getName().equals(field) && attribute instanceof SingularAttribute<? super T, ?> singular
					&& singular.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC) {
				return requireKeyable(model, singular);
			}
		}
		throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " ordered by '" + field
				+ "': iterator() reads chunks by keyset over basic fields of the model only.");
	}

	private static <T> SingularAttribute<? super T, ?> requireKeyable(ModelInfo<T> model,
			SingularAttribute<? super T, ?> attribute) {
		Class<?> type = attribute.getJavaType();
		if (!Comparable.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(type))) {
			throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " ordered by '"
					+ attribute.getName() + "': iterator() reads chunks by keyset, and " + type.getSimpleName()
					+ " values have no order to compare them by.");
		}
		if (attribute.isOptional() && !attribute.isId() && !type.isPrimitive()) {
			throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " ordered by '"
					+ attribute.getName() + "': the field is nullable, and iterator() reads chunks by keyset over "
					+ "non-null fields, where databases agree on the order. Order by non-null fields "
					+ "(@Column(nullable = false)) or by the primary key.");
		}
		return attribute;
	}

	/** The {@code ORDER BY} of every chunk. */
	List<OrderTerm> terms() {
		return this.terms;
	}

	/** The names of the order's fields, which every row read must have loaded. */
	List<String> fieldNames() {
		return this.attributes.stream().map(SingularAttribute::getName).toList();
	}

	/** The key of a row: its values of the order's fields. */
	Object[] keyOf(T row) {
		Object[] key = new Object[this.attributes.size()];
		for (int i = 0; i < key.length; i++) {
			Object value = EntityAttributes.get(row, this.attributes.get(i));
			if (value == null) {
				throw new IllegalStateException("Cannot continue iterating: a row has no value for '"
						+ this.attributes.get(i).getName() + "', which its mapping declares non-null.");
			}
			key[i] = value;
		}
		return key;
	}

	/**
	 * The rows after the row of this key: {@code a >= :a and (a > :a or (a = :a and (b > :b or
	 * …)))}, descending terms compared the other way; the leading bound lets an index on the first
	 * field narrow the scan.
	 */
	Condition<T> after(Object[] key) {
		return (root, statement, cb) -> {
			int last = this.terms.size() - 1;
			Predicate beyond = compare(root, cb, last, key[last], false);
			for (int i = last - 1; i >= 0; i--) {
				beyond = cb.or(compare(root, cb, i, key[i], false),
						cb.and(cb.equal(root.get(this.attributes.get(i).getName()), key[i]), beyond));
			}
			return (last == 0) ? beyond : cb.and(compare(root, cb, 0, key[0], true), beyond);
		};
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private Predicate compare(Root<T> root, CriteriaBuilder cb, int index, Object value, boolean orEqual) {
		OrderTerm term = this.terms.get(index);
		Expression path = root.get(this.attributes.get(index).getName());
		Comparable bound = (Comparable) value;
		if (term.descending()) {
			return orEqual ? cb.lessThanOrEqualTo(path, bound) : cb.lessThan(path, bound);
		}
		return orEqual ? cb.greaterThanOrEqualTo(path, bound) : cb.greaterThan(path, bound);
	}

}
