package dev.asyncorm.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.F;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.Q;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.persistence.metamodel.EntityType;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * Compiles {@link Q} conditions into {@link Condition}s for one model. Every name is resolved
 * against the JPA metamodel and every value converted while compiling, so misuse fails when the
 * queryset is built; values reach SQL only as bound parameters.
 * <p>
 * Lookups across relations join them as outer joins, shared by the lookups of one condition, so
 * that the conditions of one {@code filter} call hold for the same related row; a negated lookup
 * across a multi-valued relation is Django's {@code NOT EXISTS} subquery instead.
 *
 * @param <T> the entity type
 */
final class LookupCompiler<T> {

	private static final char LIKE_ESCAPE = '!';

	private final ModelInfo<T> model;

	private static final String SET_SUFFIX = "_set";

	private final PathResolver paths;

	private final ValueConverter converter;

	LookupCompiler(ModelInfo<T> model, PathResolver paths, ValueConverter converter) {
		this.model = model;
		this.paths = paths;
		this.converter = converter;
	}

	/** Compiles a condition for {@code filter}. */
	Condition<T> compile(Q condition) {
		return compile(condition, false, Map.of());
	}

	/**
	 * Compiles a condition for {@code filter} or, negated, for {@code exclude}, with Django's
	 * handling of nulls; names may be the queryset's annotations.
	 */
	Condition<T> compile(Q condition, boolean negated, Map<String, ? extends Operand> annotations) {
		Compiler compiler = new Compiler(annotations);
		Part part = condition.accept(compiler).apply(negated);
		return new CompiledCondition<>(part, compiler.spansRelations);
	}

	/**
	 * Compiles a condition on the aggregates of a grouped projection, for its {@code HAVING}: it
	 * is built against the joins of the projection, which its aggregates read.
	 */
	Part compileHaving(Q condition, boolean negated, Map<String, ? extends Operand> aggregates) {
		return condition.accept(new Compiler(aggregates)).apply(negated);
	}

	/** The field or annotation names a condition starts its lookups with. */
	static Set<String> names(Q condition) {
		return condition.accept(new Q.Visitor<Set<String>>() {

			@Override
			public Set<String> lookup(String lookup, @Nullable Object value) {
				return Set.of(lookup.split("__", -1)[0]);
			}

			@Override
			public Set<String> and(List<Set<String>> parts) {
				return union(parts);
			}

			@Override
			public Set<String> or(List<Set<String>> parts) {
				return union(parts);
			}

			@Override
			public Set<String> not(Set<String> part) {
				return part;
			}

			private Set<String> union(List<Set<String>> parts) {
				Set<String> names = new HashSet<>();
				parts.forEach(names::addAll);
				return names;
			}

		});
	}

	/**
	 * Compiles an aggregate; its field and its condition are read through the joins of the
	 * statement it is part of.
	 */
	AggregateExpression aggregate(Aggregate aggregate) {
		FieldPath path = field(aggregate.field());
		Compiler conditionCompiler = new Compiler(Map.of());
		Part condition = (aggregate.condition() != null)
				? aggregate.condition().accept(conditionCompiler).apply(false) : null;
		Object orElse = (aggregate.defaultValue() != null) ? this.converter.convert(aggregate.defaultValue(),
				AggregateExpression.resultType(aggregate.function(), path.javaType()), aggregate.alias()) : null;
		if (aggregate.isDistinct() && aggregate.function() != Aggregate.Function.COUNT) {
			throw new InvalidDataAccessApiUsageException(aggregate + ": distinct() is supported with count() only.");
		}
		if (aggregate.function() == Aggregate.Function.SUM || aggregate.function() == Aggregate.Function.AVG) {
			if (!Number.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(path.javaType()))) {
				throw new InvalidDataAccessApiUsageException(aggregate + ": field '" + path.name() + "' holds "
						+ path.javaType().getSimpleName() + " values, not numbers.");
			}
		}
		return new AggregateExpression(aggregate, path, condition, orElse,
				path.spansRelations() || conditionCompiler.spansRelations);
	}

	/**
	 * Builds the expression of an {@link F} in an update: over the model's own fields, since an
	 * {@code UPDATE} cannot join, as Django refuses joined references there.
	 */
	ExpressionFactory updateExpression(F expression) {
		return expression.accept(new FCompiler(false));
	}

	/** Resolves a whole name as a field of the model, for ordering and projections. */
	FieldPath field(String name) {
		return this.paths.field(this.model.entityType(), name);
	}

	/**
	 * The relation that a name means when it is Django's related manager name ({@code story_set})
	 * of a multi-valued relation that another entity maps to the model and the model does not map
	 * back; else {@code null}.
	 * @throws InvalidLookupException when that entity relates to the model more than once
	 */
	@Nullable Hop unmappedSet(String name) {
		if (!name.endsWith(SET_SUFFIX)) {
			return null;
		}
		List<Hop> hops = this.paths.inverseNames(this.model.entityType())
			.get(name.substring(0, name.length() - SET_SUFFIX.length()));
		if (hops == null || hops.stream().noneMatch(Hop::multiValued)) {
			return null;
		}
		if (hops.size() > 1) {
			throw new InvalidLookupException("'" + name + "' of " + this.model.name() + " is ambiguous: "
					+ hops.get(0).target().getName() + " relates to " + this.model.name() + " " + hops.size()
					+ " times; map the inverse side with mappedBy and use its attribute name.");
		}
		return hops.get(0);
	}

	/** Whether a name is a field or relation of the model, which an annotation must not shadow. */
	boolean isField(String name) {
		return this.paths.choices(this.model.entityType()).contains(name);
	}

	/** A compiled piece of a condition, built against the joins of its condition. */
	@FunctionalInterface
	interface Part {

		Predicate build(Joins joins, CommonAbstractCriteria statement);

	}

	/**
	 * A compiled node, waiting to know whether it stands under a negation. Negation is pushed down
	 * to the lookups (De Morgan), so that each {@code NOT} wraps one lookup, and a negated lookup
	 * on a nullable field gets Django's {@code IS NOT NULL}: {@code exclude(name="x")} keeps the
	 * rows whose name is {@code NULL}.
	 */
	private interface Node extends Function<Boolean, Part> {
	}

	private final class Compiler implements Q.Visitor<Node> {

		private final Map<String, ? extends Operand> annotations;

		private boolean spansRelations;

		Compiler(Map<String, ? extends Operand> annotations) {
			this.annotations = annotations;
		}

		@Override
		public Node lookup(String lookup, @Nullable Object value) {
			Lookup<T> compiled = resolve(lookup, value, this.annotations);
			this.spansRelations |= compiled.operand().spansRelations()
					|| (compiled.value() instanceof FieldReference reference && reference.spansRelations());
			return compiled::part;
		}

		@Override
		public Node and(List<Node> parts) {
			return (negated) -> combine(parts, negated, negated);
		}

		@Override
		public Node or(List<Node> parts) {
			return (negated) -> combine(parts, negated, !negated);
		}

		@Override
		public Node not(Node part) {
			return (negated) -> part.apply(!negated);
		}

		private Part combine(List<Node> parts, boolean negated, boolean disjunction) {
			List<Part> compiled = parts.stream().map((part) -> part.apply(negated)).toList();
			return (joins, statement) -> {
				Predicate[] predicates = compiled.stream()
					.map((part) -> part.build(joins, statement))
					.toArray(Predicate[]::new);
				return disjunction ? joins.cb().or(predicates) : joins.cb().and(predicates);
			};
		}

	}

	/**
	 * A compiled {@code filter} or {@code exclude} condition: each statement it is applied to
	 * gets its own joins.
	 */
	private record CompiledCondition<T>(Part part, boolean spansRelations) implements Condition<T> {

		@Override
		public Predicate toPredicate(Root<T> root, CommonAbstractCriteria statement, CriteriaBuilder cb) {
			return this.part.build(Joins.outer(root, cb), statement);
		}

	}

	/** Compiles an {@link F} that a filter compares a field with. */
	private FieldReference reference(F expression) {
		FCompiler compiler = new FCompiler(true);
		ExpressionFactory factory = expression.accept(compiler);
		boolean nullable = !compiler.arithmetic && compiler.fields.get(0).attribute().isOptional();
		return new FieldReference(factory, compiler.fields.stream().anyMatch(FieldPath::spansRelations),
				compiler.fields.stream().anyMatch(FieldPath::multiValued), nullable);
	}

	/**
	 * An {@link F} a filter compares a field with.
	 *
	 * @param factory its expression
	 * @param spansRelations whether it reads other tables
	 * @param multiValued whether it reads through a collection, which makes an {@code exclude}
	 * a {@code NOT EXISTS}, as for a lookup across one
	 * @param nullable whether it is one field that can hold {@code NULL}, which an {@code exclude}
	 * keeps out of the comparison, as Django's {@code IS NOT NULL} does
	 */
	private record FieldReference(ExpressionFactory factory, boolean spansRelations, boolean multiValued,
			boolean nullable) implements ExpressionFactory {

		@Override
		public Expression<?> create(Joins joins, HibernateCriteriaBuilder cb) {
			return this.factory.create(joins, cb);
		}

	}

	/** Compiles an {@link F}; its fields may span relations in a filter, not in an update. */
	private final class FCompiler implements F.Visitor<ExpressionFactory> {

		private final boolean joins;

		/** The fields read, in a filter. */
		private final List<FieldPath> fields = new ArrayList<>();

		/** Whether the expression computes rather than reads one field. */
		private boolean arithmetic;

		FCompiler(boolean joins) {
			this.joins = joins;
		}

		@Override
		public ExpressionFactory field(String field) {
			if (!this.joins) {
				if (field.contains("__")) {
					throw new InvalidDataAccessApiUsageException("Joined field references are not permitted in this "
							+ "query: F(\"" + field + "\") in update().");
				}
				String name = LookupCompiler.this.model.basicAttribute(field).getName();
				return (joins, cb) -> joins.root().get(name);
			}
			FieldPath path = LookupCompiler.this.paths.field(LookupCompiler.this.model.entityType(), field);
			this.fields.add(path);
			return (joins, cb) -> path.path(joins);
		}

		@Override
		public ExpressionFactory value(Object value) {
			if (!(value instanceof Number)) {
				throw new InvalidDataAccessApiUsageException(
						"F() arithmetic takes numbers or other F() expressions, got '" + value + "'.");
			}
			return (from, cb) -> cb.value(value);
		}

		@Override
		@SuppressWarnings("unchecked")
		public ExpressionFactory combine(F.Operator operator, ExpressionFactory left, ExpressionFactory right) {
			this.arithmetic = true;
			return (joins, cb) -> {
				Expression<Number> l = (Expression<Number>) left.create(joins, cb);
				Expression<Number> r = (Expression<Number>) right.create(joins, cb);
				return switch (operator) {
					case PLUS -> cb.sum(l, r);
					case MINUS -> cb.diff(l, r);
					case TIMES -> cb.prod(l, r);
					case DIV -> cb.quot(l, r);
				};
			};
		}

	}

	Lookup<T> resolve(String lookup, @Nullable Object value, Map<String, ? extends Operand> annotations) {
		String[] parts = lookup.split("__", -1);
		Operand annotation = annotations.get(parts[0]);
		PathResolver.Resolved resolved = (annotation != null) ? null : this.paths.resolve(this.model.entityType(), parts);
		Operand path = (annotation != null) ? annotation : resolved.path();
		int consumed = (annotation != null) ? 1 : resolved.consumed();
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(path.javaType());
		List<Transform> transforms = new ArrayList<>();
		LookupType lookupType = LookupType.EXACT;
		for (int i = consumed; i < parts.length; i++) {
			boolean last = (i == parts.length - 1);
			Transform transform = Transform.of(parts[i]);
			if (transform != null && transform.appliesTo(type)) {
				transforms.add(transform);
				type = transform.outputType();
				continue;
			}
			LookupType candidate = LookupType.of(parts[i]);
			if (candidate == null && i == consumed && path.relation() != null) {
				throw new InvalidLookupException("Cannot resolve keyword '" + parts[i] + "' into field of "
						+ path.relation().getName() + ". Choices are: "
						+ String.join(", ", this.paths.choices(path.relation())));
			}
			if (candidate == null || !last) {
				throw new InvalidLookupException("Unsupported lookup '" + parts[i] + "' for " + type.getSimpleName()
						+ " field '" + String.join("__", Arrays.copyOf(parts, i)) + "' of " + this.model.name()
						+ ". Lookups are: " + lookupNames() + "; transforms of date and time fields are: "
						+ transformNames() + ".");
			}
			lookupType = candidate;
		}
		return new Lookup<>(this.model, path, transforms, type, lookupType,
				prepare(lookup, path, lookupType, type, value));
	}

	/** A related entity given where its relation is compared stands for its id, as in Django. */
	private @Nullable Object unwrapEntity(String lookup, Operand operand, @Nullable Object value) {
		EntityType<?> relation = operand.relation();
		if (value == null || relation == null || !(operand instanceof FieldPath path)
				|| !value.getClass().isAnnotationPresent(jakarta.persistence.Entity.class)) {
			return value;
		}
		if (!relation.getJavaType().isInstance(value)) {
			throw new InvalidDataAccessApiUsageException("'" + lookup + "' compares " + relation.getName()
					+ " rows; got a " + value.getClass().getSimpleName() + ".");
		}
		Object id = EntityAttributes.get(value, path.attribute());
		if (id == null) {
			throw new InvalidDataAccessApiUsageException("'" + lookup + "' got an unsaved " + relation.getName()
					+ " (its id is null); save it first.");
		}
		return id;
	}

	private @Nullable Object prepare(String lookup, Operand path, LookupType type, Class<?> fieldType,
			@Nullable Object given) {
		Object value = unwrapEntity(lookup, path, given);
		if (value == null) {
			if (type == LookupType.EXACT || type == LookupType.IEXACT) {
				return null;
			}
			throw new InvalidDataAccessApiUsageException(
					"Cannot use null as a query value for '" + lookup + "'; use '__isnull' or 'exact'.");
		}
		if (value instanceof AsyncQuerySet<?> queryset) {
			return subquery(lookup, path, type, fieldType, queryset);
		}
		if (value instanceof F expression) {
			if (type == LookupType.EXACT || type.isComparison() && type != LookupType.RANGE) {
				return reference(expression);
			}
			throw new InvalidDataAccessApiUsageException("F() expressions are not supported with '" + lookup + "'.");
		}
		if (type.isTextual() && fieldType != String.class && !Number.class.isAssignableFrom(fieldType)) {
			throw new InvalidLookupException("Unsupported lookup '" + type.lookupName() + "' for "
					+ fieldType.getSimpleName() + " field in '" + lookup + "': it applies to text and number fields only.");
		}
		return switch (type) {
			case ISNULL -> {
				if (!(value instanceof Boolean)) {
					throw new InvalidDataAccessApiUsageException(
							"The QuerySet value for an isnull lookup must be true or false, got '" + value + "'.");
				}
				yield value;
			}
			case IN -> elements(lookup, value, -1).stream()
				.filter(Objects::nonNull)
				.map((element) -> this.converter.convert(unwrapEntity(lookup, path, element), fieldType, lookup))
				.toList();
			case RANGE -> elements(lookup, value, 2).stream()
				.map((element) -> this.converter.convert(Objects.requireNonNull(unwrapEntity(lookup, path, element),
						() -> "'" + lookup + "' does not take null bounds"), fieldType, lookup))
				.toList();
			default -> this.converter.convert(value, type.isTextual() ? String.class : fieldType, lookup);
		};
	}

	/**
	 * A queryset given as a value, compiled into the statement as a subquery of its one column, as
	 * Django does: for {@code in}; for {@code exact} when sliced to one row; for {@code gt},
	 * {@code gte}, {@code lt} and {@code lte} as one value, which the database requires it to give.
	 * A queryset of entities compared with a relation must be of the related model.
	 */
	private SubqueryValue<?> subquery(String lookup, Operand path, LookupType type, Class<?> fieldType,
			AsyncQuerySet<?> queryset) {
		if (!(queryset.all() instanceof DefaultAsyncQuerySet<?, ?> other)) {
			throw new InvalidDataAccessApiUsageException("'" + lookup + "' got a queryset that async-orm did not make: "
					+ queryset.getClass().getName() + ".");
		}
		SubqueryValue<?> subquery = other.asSubquery();
		if (type != LookupType.IN && type != LookupType.EXACT && !(type.isComparison() && type != LookupType.RANGE)) {
			throw new InvalidDataAccessApiUsageException("A QuerySet value is supported with the in, exact, gt, gte, "
					+ "lt and lte lookups, not with '" + lookup + "'.");
		}
		if (type == LookupType.EXACT && !subquery.limitedToOne()) {
			throw new InvalidDataAccessApiUsageException(
					"The QuerySet value for an exact lookup must be limited to one result using slicing.");
		}
		EntityType<?> relation = path.relation();
		if (relation != null && subquery.selectsEntities()
				&& !relation.getJavaType().isAssignableFrom(subquery.entityType().getJavaType())) {
			throw new InvalidDataAccessApiUsageException("Cannot use QuerySet for \"" + subquery.entityType().getName()
					+ "\": Use a QuerySet for \"" + relation.getName() + "\".");
		}
		Class<?> selected = ClassUtils.resolvePrimitiveIfNecessary(subquery.javaType());
		boolean numbers = Number.class.isAssignableFrom(fieldType) && Number.class.isAssignableFrom(selected);
		if (!numbers && !fieldType.isAssignableFrom(selected) && !selected.isAssignableFrom(fieldType)) {
			throw new InvalidDataAccessApiUsageException("'" + lookup + "' compares " + fieldType.getSimpleName()
					+ " values; the QuerySet of " + subquery.entityType().getName() + " selects "
					+ selected.getSimpleName() + " values.");
		}
		return subquery;
	}

	private static List<?> elements(String lookup, Object value, int size) {
		List<?> elements;
		if (value instanceof Collection<?> collection) {
			elements = new ArrayList<>(collection);
		}
		else if (value.getClass().isArray()) {
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				list.add(Array.get(value, i));
			}
			elements = list;
		}
		else {
			throw new InvalidDataAccessApiUsageException("'" + lookup + "' needs a collection or an array, got "
					+ value.getClass().getSimpleName() + ".");
		}
		if (size >= 0 && elements.size() != size) {
			throw new InvalidDataAccessApiUsageException(
					"'" + lookup + "' needs exactly " + size + " values, got " + elements.size() + ".");
		}
		return elements;
	}

	private static String lookupNames() {
		return String.join(", ", Arrays.stream(LookupType.values()).map(LookupType::lookupName).toList());
	}

	private static String transformNames() {
		return String.join(", ", Arrays.stream(Transform.values()).map(Transform::lookupName).toList());
	}

	/**
	 * One resolved lookup: the field, its transforms, the lookup and the prepared value.
	 */
	record Lookup<T>(ModelInfo<T> model, Operand operand, List<Transform> transforms, Class<?> type,
			LookupType lookupType, @Nullable Object value) {

		Part part(boolean negated) {
			if (negated && (this.operand.multiValued()
					|| this.value instanceof FieldReference reference && reference.multiValued())) {
				return this::notExists;
			}
			boolean guardNull = negated && this.operand.nullable() && this.lookupType != LookupType.ISNULL
					&& this.value != null;
			boolean guardReference = negated && this.value instanceof FieldReference reference && reference.nullable();
			return (joins, statement) -> {
				CriteriaBuilder cb = joins.cb();
				Expression<?> expression = expression(joins, statement);
				Predicate predicate = predicate(joins, statement, expression, (HibernateCriteriaBuilder) cb);
				if (!negated) {
					return predicate;
				}
				if (guardNull) {
					predicate = cb.and(predicate, cb.isNotNull(expression));
				}
				if (guardReference) {
					predicate = cb.and(predicate, cb.isNotNull(((FieldReference) this.value).create(joins,
							(HibernateCriteriaBuilder) cb)));
				}
				return cb.not(predicate);
			};
		}

		/**
		 * Django's exclusion across a multi-valued relation: no related row matches, which keeps
		 * the rows without any related row.
		 */
		@SuppressWarnings("unchecked")
		private Predicate notExists(Joins joins, CommonAbstractCriteria statement) {
			CriteriaBuilder cb = joins.cb();
			String id = this.model.id().getName();
			Subquery<?> matching = statement.subquery(this.model.id().getJavaType());
			Root<T> row = matching.from(this.model.javaType());
			Joins inner = new Joins(row, cb, JoinType.INNER, false);
			Expression<?> expression = expression(inner, matching);
			matching.select(row.get(id)).where(cb.equal(row.get(id), joins.root().get(id)),
					predicate(inner, matching, expression, (HibernateCriteriaBuilder) cb));
			return cb.not(cb.exists(matching));
		}

		/**
		 * The compared expression: the field through its transforms; a number compared as text
		 * ({@code rating__contains}) is cast to text, as Django casts the column.
		 */
		Expression<?> expression(Joins joins, CommonAbstractCriteria statement) {
			Expression<?> expression = this.operand.expression(joins, statement);
			for (Transform transform : this.transforms) {
				expression = joins.cb().function(transform.functionName(), transform.outputType(), expression);
			}
			if (this.lookupType.isTextual() && this.type != String.class) {
				expression = expression.cast(String.class);
			}
			return expression;
		}

		@SuppressWarnings({ "unchecked", "rawtypes" })
		private Predicate predicate(Joins joins, CommonAbstractCriteria statement, Expression<?> expression,
				HibernateCriteriaBuilder cb) {
			Object value = this.value;
			if (value instanceof ExpressionFactory reference) {
				value = reference.create(joins, cb);
			}
			if (value instanceof SubqueryValue<?> subquery) {
				// No row of an empty queryset is read: Django's EmptyResultSet.
				if (subquery.empty()) {
					return cb.disjunction();
				}
				value = subquery.build(statement, cb);
			}
			Expression<String> text = (Expression<String>) expression;
			Expression comparable = expression;
			return switch (this.lookupType) {
				case EXACT -> (value == null) ? cb.isNull(expression)
						: (value instanceof Expression<?> other) ? cb.equal(expression, other) : cb.equal(expression, value);
				case IEXACT -> (value == null) ? cb.isNull(expression) : cb.equal(cb.upper(text), cb.upper(cb.value((String) value)));
				case CONTAINS -> like(cb, text, "%" + escape((String) value) + "%", false);
				case ICONTAINS -> like(cb, text, "%" + escape((String) value) + "%", true);
				case STARTSWITH -> like(cb, text, escape((String) value) + "%", false);
				case ISTARTSWITH -> like(cb, text, escape((String) value) + "%", true);
				case ENDSWITH -> like(cb, text, "%" + escape((String) value), false);
				case IENDSWITH -> like(cb, text, "%" + escape((String) value), true);
				case IN -> (value instanceof Expression<?> subquery) ? expression.in(subquery)
						: ((List<?>) value).isEmpty() ? cb.disjunction() : expression.in((List<?>) value);
				case GT -> (value instanceof Expression other) ? cb.greaterThan(comparable, other)
						: cb.greaterThan(comparable, (Comparable) value);
				case GTE -> (value instanceof Expression other) ? cb.greaterThanOrEqualTo(comparable, other)
						: cb.greaterThanOrEqualTo(comparable, (Comparable) value);
				case LT -> (value instanceof Expression other) ? cb.lessThan(comparable, other)
						: cb.lessThan(comparable, (Comparable) value);
				case LTE -> (value instanceof Expression other) ? cb.lessThanOrEqualTo(comparable, other)
						: cb.lessThanOrEqualTo(comparable, (Comparable) value);
				case RANGE -> cb.between(comparable, (Comparable) ((List<?>) value).get(0),
						(Comparable) ((List<?>) value).get(1));
				case ISNULL -> Boolean.TRUE.equals(value) ? cb.isNull(expression) : cb.isNotNull(expression);
				case REGEX -> cb.isTrue(cb.function(AsyncOrmFunctionContributor.REGEX, Boolean.class, text,
						cb.value((String) value)));
				case IREGEX -> cb.isTrue(cb.function(AsyncOrmFunctionContributor.IREGEX, Boolean.class, text,
						cb.value((String) value)));
			};
		}

		private static Predicate like(HibernateCriteriaBuilder cb, Expression<String> text, String pattern,
				boolean ignoreCase) {
			if (ignoreCase) {
				return cb.like(cb.upper(text), cb.upper(cb.value(pattern)), LIKE_ESCAPE);
			}
			Expression<String> caseSensitive = cb.function(AsyncOrmFunctionContributor.CASE_SENSITIVE, String.class, text);
			return cb.like(caseSensitive, cb.value(pattern), LIKE_ESCAPE);
		}

		private static String escape(String value) {
			StringBuilder escaped = new StringBuilder(value.length() + 4);
			for (char c : value.toCharArray()) {
				if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
					escaped.append(LIKE_ESCAPE);
				}
				escaped.append(c);
			}
			return escaped.toString();
		}

	}

}
