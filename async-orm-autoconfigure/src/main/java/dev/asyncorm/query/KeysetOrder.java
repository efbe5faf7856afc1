package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.dialect.NullOrdering;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * The total order of a keyset iteration: a queryset's explicit order over basic fields, then the
 * primary key, and the condition that selects the rows after a given row in it. {@code NULL}s sit
 * where the database puts them ({@link NullOrdering}), as in {@code list()}.
 * <p>
 * A term may be a field across to-one relations ({@code box__name}): the condition then compares
 * the joined column, whose value the statement also selects, since the row's entity does not hold
 * it ({@link #joined()}); a related row that is missing gives {@code NULL}, which sorts as the
 * database sorts it. A term across a collection repeats the row once per related row, which no
 * keyset of the row can follow: it is refused.
 *
 * @param <T> the entity type
 */
final class KeysetOrder<T> {

	private final List<OrderTerm> terms;

	/** For each term, the basic field of the model it orders by, or {@code null} for a field across relations. */
	private final List<@Nullable SingularAttribute<? super T, ?>> attributes;

	private final NullOrdering nulls;

	private final boolean joined;

	private KeysetOrder(List<OrderTerm> terms, List<@Nullable SingularAttribute<? super T, ?>> attributes,
			NullOrdering nulls) {
		this.terms = List.copyOf(terms);
		this.attributes = Collections.unmodifiableList(new ArrayList<>(attributes));
		this.nulls = nulls;
		this.joined = attributes.contains(null);
	}

	/**
	 * Orders by the given terms, then by primary key; by primary key alone when there is no term.
	 * @param nulls where the database orders {@code NULL}s
	 * @throws InvalidDataAccessApiUsageException for an order that a keyset cannot follow
	 */
	static <T> KeysetOrder<T> of(ModelInfo<T> model, List<OrderTerm> ordering, NullOrdering nulls) {
		SingularAttribute<? super T, ?> id = keyAttribute(model, model.id().getName());
		List<OrderTerm> terms = new ArrayList<>();
		List<@Nullable SingularAttribute<? super T, ?>> attributes = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (OrderTerm term : ordering) {
			if (term.operand() == null) {
				throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " in random order: "
						+ "iterator() reads chunks by keyset, which needs a stable order.");
			}
			String field = (term.operand() instanceof FieldPath path && path.hops().isEmpty() && path.leaf().size() == 1)
					? path.leaf().get(0) : term.operand().name();
			if (seen.add(field)) {
				terms.add(term);
				if (term.operand() instanceof FieldPath path && path.spansRelations()) {
					requireJoinable(model, path);
					attributes.add(null);
				}
				else {
					attributes.add(keyAttribute(model, field));
				}
			}
			if (field.equals(id.getName())) {
				// The primary key is unique: terms after it cannot change the order.
				return new KeysetOrder<>(terms, attributes, nulls);
			}
		}
		terms.add(new OrderTerm(new FieldPath(id.getName(), List.of(), List.of(id.getName()), id, null, false), false));
		attributes.add(id);
		return new KeysetOrder<>(terms, attributes, nulls);
	}

	private static <T> SingularAttribute<? super T, ?> keyAttribute(ModelInfo<T> model, String field) {
		for (Attribute<? super T, ?> attribute : model.attributes()) {
			if (attribute.getName().equals(field) && attribute instanceof SingularAttribute<? super T, ?> singular
					&& singular.getPersistentAttributeType() == Attribute.PersistentAttributeType.BASIC) {
				return requireKeyable(model, singular);
			}
		}
		throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " ordered by '" + field
				+ "': iterator() reads chunks by keyset over basic fields of the model only; order by them, or by "
				+ "orderBy(\"pk\").");
	}

	/**
	 * Checks a field across to-one relations that the keyset compares as joined: comparable. (An
	 * order across a collection is read in windows instead, see {@link OffsetCursor}.)
	 */
	private static void requireJoinable(ModelInfo<?> model, FieldPath path) {
		Class<?> type = path.javaType();
		if (!Comparable.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(type))) {
			throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " ordered by '"
					+ path.name() + "': iterator() reads chunks by keyset, and " + type.getSimpleName()
					+ " values have no order to compare them by.");
		}
	}

	private static <T> SingularAttribute<? super T, ?> requireKeyable(ModelInfo<T> model,
			SingularAttribute<? super T, ?> attribute) {
		Class<?> type = attribute.getJavaType();
		if (!Comparable.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(type))) {
			throw new InvalidDataAccessApiUsageException("Cannot iterate " + model.name() + " ordered by '"
					+ attribute.getName() + "': iterator() reads chunks by keyset, and " + type.getSimpleName()
					+ " values have no order to compare them by.");
		}
		return attribute;
	}

	/** The {@code ORDER BY} of every chunk. */
	List<OrderTerm> terms() {
		return this.terms;
	}

	/** The names of the order's fields, across relations too: the values of a row's key, in order. */
	List<String> keyNames() {
		return this.terms.stream().map((term) -> term.operand().name()).toList();
	}

	/** The names of the model's own fields in the order, which every row read must have loaded. */
	List<String> fieldNames() {
		return this.attributes.stream().filter(Objects::nonNull).map(SingularAttribute::getName).toList();
	}

	/**
	 * Whether a term orders across relations: the key of a row is then the values the statement
	 * selects for the terms ({@link CriteriaQueries#keyedRows}), not read from the row's entity.
	 */
	boolean joined() {
		return this.joined;
	}

	/** The key of a row: its values of the order's fields; only when the order is not {@link #joined()}. */
	@Nullable Object[] keyOf(T row) {
		@Nullable Object[] key = new Object[this.attributes.size()];
		for (int i = 0; i < key.length; i++) {
			key[i] = EntityAttributes.get(row, this.attributes.get(i));
		}
		return key;
	}

	/**
	 * The rows after the row of this key: {@code a > :a or (a = :a and (b > :b or …))}, each
	 * comparison in its term's direction and aware of where {@code NULL}s sort; with a non-null
	 * first value, led by {@code a >= :a}, so that an index on the first field narrows the scan.
	 */
	Condition<T> after(@Nullable Object[] key) {
		Condition<T> after = (root, statement, cb) -> {
			// The joins of the order, which the statement's ORDER BY then reuses.
			Joins joins = Joins.reusing(root, cb);
			List<Expression<?>> paths = new ArrayList<>();
			for (int i = 0; i < this.terms.size(); i++) {
				SingularAttribute<? super T, ?> attribute = this.attributes.get(i);
				paths.add((attribute != null) ? root.get(attribute.getName())
						: this.terms.get(i).operand().expression(joins, statement));
			}
			int last = this.terms.size() - 1;
			Predicate beyond = beyond(paths, cb, last, key[last]);
			for (int i = last - 1; i >= 0; i--) {
				beyond = cb.or(beyond(paths, cb, i, key[i]), cb.and(same(paths, cb, i, key[i]), beyond));
			}
			if (last == 0 || key[0] == null) {
				return beyond;
			}
			return cb.and(cb.or(beyond(paths, cb, 0, key[0]), same(paths, cb, 0, key[0])), beyond);
		};
		return this.joined ? new SpanningCondition<>(after, true) : after;
	}

	/** The field's value is the key's, {@code NULL} included. */
	private static Predicate same(List<Expression<?>> paths, CriteriaBuilder cb, int index, @Nullable Object value) {
		Expression<?> path = paths.get(index);
		return (value != null) ? cb.equal(path, value) : cb.isNull(path);
	}

	/** The field's value comes after the key's in the term's direction, {@code NULL}s where the database puts them. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private Predicate beyond(List<Expression<?>> paths, CriteriaBuilder cb, int index, @Nullable Object value) {
		OrderTerm term = this.terms.get(index);
		Expression path = paths.get(index);
		SingularAttribute<? super T, ?> attribute = this.attributes.get(index);
		boolean nullsFirst = switch (this.nulls) {
			case SMALLEST -> !term.descending();
			case GREATEST -> term.descending();
			case FIRST -> true;
			case LAST -> false;
		};
		if (value == null) {
			return nullsFirst ? cb.isNotNull(path) : cb.disjunction();
		}
		Predicate after = term.descending() ? cb.lessThan(path, (Comparable) value)
				: cb.greaterThan(path, (Comparable) value);
		// NULLs come after every value; a column mapped non-null may still hold one, a primary key cannot.
		return (nullsFirst || attribute != null && attribute.isId()) ? after : cb.or(after, cb.isNull(path));
	}

}
