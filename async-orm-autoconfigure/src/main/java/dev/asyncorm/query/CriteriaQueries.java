package dev.asyncorm.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.asyncorm.SelectForUpdateOptions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Fetch;
import jakarta.persistence.criteria.FetchParent;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.criteria.Subquery;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.hibernate.query.criteria.JpaCriteriaQuery;
import org.hibernate.query.criteria.JpaDerivedRoot;
import org.hibernate.query.criteria.JpaSelectCriteria;
import org.hibernate.query.criteria.JpaSubQuery;
import org.hibernate.query.spi.QueryImplementor;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Turns a {@link QuerySpec} into JPA Criteria statements, each selecting only what its operation
 * needs: entities, one id, or a count.
 *
 * @param <T> the entity type
 */
final class CriteriaQueries<T> {

	/**
	 * The most bound values of a statement whose translation Hibernate may cache: a plan kept
	 * weighs about 30 KB with 16 values, and about 1 KB more per value.
	 */
	private static final int MAX_VALUES_OF_CACHED_PLAN = 32;

	private final ModelInfo<T> model;

	private final TupleEntities<T> entities;

	/** The lock clause of {@code selectForUpdate()} on the database. */
	private final RowLockClause<T> rowLocks;

	/** The statement timeout of a queryset that sets none, or {@code null} for the database's. */
	private final @Nullable Duration defaultTimeout;

	CriteriaQueries(ModelInfo<T> model, TupleEntities<T> entities, RowLockClause<T> rowLocks,
			@Nullable Duration defaultTimeout) {
		this.model = model;
		this.entities = entities;
		this.rowLocks = rowLocks;
		this.defaultTimeout = defaultTimeout;
	}

	/** Selects entities in the given order, from {@code offset}, at most {@code limit}. */
	TypedQuery<T> select(EntityManager em, QuerySpec<T> spec, List<OrderTerm> ordering, int offset,
			@Nullable Integer limit) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<T> query = cb.createQuery(this.model.javaType());
		Root<T> root = query.from(this.model.javaType());
		where(query, spec, root, cb);
		fetch(root, spec);
		query.distinct(spec.distinct());
		orderBy(query, ordering, Joins.reusing(root, cb));
		return window(timed(detached(em.createQuery(query)), spec), offset, limit);
	}

	/**
	 * Reads entities as {@link #select} does, keeping the duplicates that joins give, as Django
	 * does (Hibernate removes duplicate entities from an entity query, not from a tuple query). A
	 * {@code DISTINCT} query ordered across relations also selects what it orders by, as
	 * PostgreSQL and H2 require and Django does. With {@code only()}/{@code defer()}, selects the
	 * loaded columns and builds the entities from them, and the rows of {@code selectRelated}
	 * relations from the joined columns; so it does with whole entities that are
	 * detached as soon as they are read, when {@link TupleEntities#whole()} can build them.
	 */
	List<T> rows(EntityManager em, QuerySpec<T> spec, List<OrderTerm> ordering, int offset, @Nullable Integer limit) {
		boolean joined = spec.spansRelations() || ordering.stream().anyMatch(OrderTerm::spansRelations);
		TupleEntities<T>.Shape shape = spec.loading().isPartial()
				? this.entities.shape(spec.loading(), spec.selectRelated()) : joined ? null : detachedWhole(spec);
		if (!joined && shape == null) {
			return resultList(select(em, spec, ordering, offset, limit), spec);
		}
		return tupleRows(em, spec, ordering, List.of(), offset, limit, shape, (entity, row) -> entity);
	}

	/**
	 * Reads rows as {@link #rows} does, each with its values of the order's terms, which the same
	 * statement selects: the key of a keyset iteration ordered across relations.
	 */
	List<KeyedRow<T>> keyedRows(EntityManager em, QuerySpec<T> spec, List<OrderTerm> ordering, int offset,
			@Nullable Integer limit) {
		TupleEntities<T>.Shape shape = spec.loading().isPartial()
				? this.entities.shape(spec.loading(), spec.selectRelated()) : null;
		int width = ordering.size();
		return tupleRows(em, spec, ordering, ordering, offset, limit, shape,
				(entity, row) -> new KeyedRow<>(entity, row.subList(row.size() - width, row.size()).toArray()));
	}

	/** A row and its values of the terms of its order. */
	record KeyedRow<T>(T row, @Nullable Object[] key) {
	}

	/**
	 * Reads entities with a tuple query: their columns ({@code shape}) or the entity itself, then
	 * the order's terms when distinct, then the {@code keys}; {@code mapper} makes each result from
	 * the entity and its tuple.
	 */
	private <R> List<R> tupleRows(EntityManager em, QuerySpec<T> spec, List<OrderTerm> ordering, List<OrderTerm> keys,
			int offset, @Nullable Integer limit, TupleEntities<T>.@Nullable Shape shape,
			BiFunction<T, List<?>, R> mapper) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<List<?>> query = listQuery(cb);
		Root<T> root = query.from(this.model.javaType());
		where(query, spec, root, cb);
		List<Selection<?>> selections = new ArrayList<>();
		if (shape != null) {
			selections.addAll(shape.selections(root));
		}
		else {
			fetch(root, spec);
			selections.add(root);
		}
		Joins joins = Joins.reusing(root, cb);
		if (spec.distinct()) {
			ordering.forEach((term) -> selections.add(term.expression(joins, query)));
		}
		keys.forEach((term) -> selections.add(term.expression(joins, query)));
		query.select(listOf(selections, cb)).distinct(spec.distinct());
		orderBy(query, ordering, joins);
		TypedQuery<List<?>> rows = window(timed(detached(em.createQuery(query)), spec), offset, limit);
		if (shape == null) {
			return resultList(rows, spec).stream()
				.map((row) -> mapper.apply(this.model.javaType().cast(row.get(0)), row))
				.toList();
		}
		SharedSessionContractImplementor session = rows.unwrap(QueryImplementor.class).getSession();
		return resultList(rows, spec).stream().map((row) -> mapper.apply(shape.instance(row, session), row)).toList();
	}

	/**
	 * The shape that builds whole entities from their columns, when nothing would keep Hibernate's
	 * instances: no transaction (whose persistence context they would join), no related rows to
	 * fetch or prefetch into them, no row lock.
	 */
	private TupleEntities<T>.@Nullable Shape detachedWhole(QuerySpec<T> spec) {
		boolean kept = TransactionSynchronizationManager.isActualTransactionActive() || spec.lock() != null
				|| !spec.selectRelated().isEmpty() || !spec.prefetchRelated().isEmpty();
		return kept ? null : this.entities.whole();
	}

	/**
	 * Selects the values of some columns. With an aggregate among them, the other columns and the
	 * explicit order are the {@code GROUP BY}, as Django's {@code values(...).annotate(...)}.
	 */
	List<Object[]> project(EntityManager em, QuerySpec<T> spec, List<Column> columns, List<OrderTerm> ordering,
			int offset, @Nullable Integer limit) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<List<?>> query = listQuery(cb);
		Root<T> root = query.from(this.model.javaType());
		where(query, spec, root, cb);
		Joins joins = Joins.reusing(root, cb);
		Grouping grouping = grouping(columns, ordering, spec.distinct(), joins, query);
		query.select(listOf(grouping.selections(), cb)).distinct(spec.distinct());
		groupBy(query, grouping, spec, joins);
		orderBy(query, ordering, joins);
		return resultList(window(timed(em.createQuery(query), spec), offset, limit), spec).stream()
			.map((row) -> {
			Object[] values = new Object[columns.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = columns.get(i).convert(row.get(i));
			}
			return values;
		}).toList();
	}

	/**
	 * Computes aggregates over the matching rows, one row of results; a {@code distinct()}
	 * queryset aggregates its distinct rows, {@code WHERE id IN (SELECT ...)}, and a sliced one
	 * the rows of its slice, in its order.
	 */
	Object[] aggregate(EntityManager em, QuerySpec<T> spec, List<AggregateExpression> aggregates,
			List<OrderTerm> ordering) {
		HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
		JpaCriteriaQuery<List<?>> query = listQuery(cb);
		Root<T> root = query.from(this.model.javaType());
		Predicate predicate = spec.isSliced() ? inSlice(spec, ordering, root, query, cb)
				: spec.distinct() ? idIn(spec, root, query, cb) : spec.predicate(root, query, cb);
		if (predicate != null) {
			query.where(predicate);
		}
		Joins joins = Joins.reusing(root, cb);
		query.select(listOf(aggregates.stream().<Selection<?>>map((aggregate) -> aggregate.expression(joins, query)).toList(), cb));
		return timed(em.createQuery(query), spec).getSingleResult().toArray();
	}

	/**
	 * A query of several values a row, each row a list: {@code SELECT new list(...)}, whose
	 * translation Hibernate reuses. It never reuses that of a multiselect: in Hibernate 7.4 its
	 * compound selection is compatible with no other, not even its own copy.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static JpaCriteriaQuery<List<?>> listQuery(CriteriaBuilder cb) {
		return (JpaCriteriaQuery) ((HibernateCriteriaBuilder) cb).createQuery(List.class);
	}

	/** The selection of {@link #listQuery}: the values of a row, in order, as a list. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Selection<List<?>> listOf(List<Selection<?>> values, CriteriaBuilder cb) {
		return (Selection) cb.construct(List.class, values.toArray(Selection<?>[]::new));
	}

	/**
	 * The rows of a slice, Django's {@code qs[a:b].aggregate(...)}: the statement also reads from
	 * {@code (SELECT id ... ORDER BY ... LIMIT ...)}, joined on the id (MariaDB takes no
	 * {@code LIMIT} in an {@code IN} subquery).
	 */
	private Predicate inSlice(QuerySpec<T> spec, List<OrderTerm> ordering, Root<T> root, JpaCriteriaQuery<?> query,
			HibernateCriteriaBuilder cb) {
		IdSubquery<T> ids = ids(query, spec, cb);
		Joins joins = Joins.reusing(ids.row(), cb);
		if (!ordering.isEmpty()) {
			ids.query().orderBy(ordering.stream().map((term) -> term.toOrder(joins, ids.query())).toList());
		}
		ids.query().offset(spec.offset());
		if (spec.limit() != null) {
			ids.query().fetch(spec.limit());
		}
		return joinedOnId(query, ids.query(), root, cb);
	}

	/** {@code SELECT id FROM T WHERE <the spec's conditions>}, a subquery of a statement, its column named {@code id}. */
	private IdSubquery<T> ids(JpaSelectCriteria<?> statement, QuerySpec<T> spec, HibernateCriteriaBuilder cb) {
		@SuppressWarnings("unchecked")
		JpaSubQuery<Object> ids = (JpaSubQuery<Object>) statement.subquery(this.model.id().getJavaType());
		Root<T> row = ids.from(this.model.javaType());
		Path<Object> key = row.get(this.model.id().getName());
		key.alias("id");
		ids.select(key);
		Predicate predicate = spec.predicate(row, ids, cb);
		if (predicate != null) {
			ids.where(predicate);
		}
		return new IdSubquery<>(ids, row);
	}

	/** Makes a statement also read from a subquery of ids, one row per id it lists, joined on the id. */
	private Predicate joinedOnId(JpaSelectCriteria<?> statement, JpaSubQuery<Object> ids, Root<T> root,
			HibernateCriteriaBuilder cb) {
		JpaDerivedRoot<Object> listed = statement.from(ids);
		return cb.equal(root.get(this.model.id().getName()), listed.get("id"));
	}

	/** A subquery of ids and its root. */
	private record IdSubquery<T>(JpaSubQuery<Object> query, Root<T> row) {
	}

	/**
	 * Counts the rows of a projection that is {@code distinct()} or grouped, with
	 * {@code SELECT COUNT(*) FROM (SELECT ...)}.
	 */
	long countProjected(EntityManager em, QuerySpec<T> spec, List<Column> columns) {
		HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
		JpaCriteriaQuery<Long> query = cb.createQuery(Long.class);
		JpaSubQuery<Tuple> rows = query.subquery(Tuple.class);
		Root<T> root = rows.from(this.model.javaType());
		Predicate predicate = spec.predicate(root, rows, cb);
		if (predicate != null) {
			rows.where(predicate);
		}
		Joins joins = Joins.reusing(root, cb);
		Grouping grouping = grouping(columns, List.of(), spec.distinct(), joins, rows);
		List<Selection<?>> aliased = new ArrayList<>();
		for (int i = 0; i < grouping.selections().size(); i++) {
			aliased.add(grouping.selections().get(i).alias("c" + i));
		}
		rows.multiselect(aliased).distinct(spec.distinct());
		groupBy(rows, grouping, spec, joins);
		query.from(rows);
		query.select(cb.count());
		return timed(em.createQuery(query), spec).getSingleResult();
	}

	private static Grouping grouping(List<Column> columns, List<OrderTerm> ordering, boolean distinct, Joins joins,
			AbstractQuery<?> query) {
		List<Selection<?>> selections = new ArrayList<>();
		List<Expression<?>> groupBy = new ArrayList<>();
		boolean grouped = columns.stream().anyMatch(Column::aggregate);
		for (Column column : columns) {
			Expression<?> expression = column.selector().select(joins, query);
			selections.add(expression);
			if (grouped && !column.aggregate()) {
				groupBy.add(expression);
			}
		}
		List<String> aggregates = columns.stream().filter(Column::aggregate).map(Column::key).toList();
		if (distinct || grouped) {
			ordering.forEach((term) -> {
				Expression<?> expression = term.expression(joins, query);
				selections.add(expression);
				if (grouped && (term.operand() == null || !aggregates.contains(term.operand().name()))) {
					groupBy.add(expression);
				}
			});
		}
		return new Grouping(selections, groupBy);
	}

	/** Groups a projection with aggregates, keeping the groups its {@code HAVING} conditions hold for. */
	private static void groupBy(AbstractQuery<?> query, Grouping grouping, QuerySpec<?> spec, Joins joins) {
		if (grouping.groupBy().isEmpty()) {
			Assert.state(spec.having().isEmpty(), "A HAVING condition needs the aggregates of values().annotate()");
			return;
		}
		query.groupBy(grouping.groupBy());
		if (!spec.having().isEmpty()) {
			query.having(spec.having().stream().map((condition) -> condition.build(joins, query)).toArray(Predicate[]::new));
		}
	}

	/** The selections of a projection and its {@code GROUP BY}, empty when it has no aggregate. */
	private record Grouping(List<Selection<?>> selections, List<Expression<?>> groupBy) {
	}

	/**
	 * Fetches the {@code selectRelated} relations with the rows, joined as Django joins them: a
	 * required relation reached through required ones by an inner join, any other by an outer
	 * join, which keeps the rows without a related one.
	 */
	private static void fetch(Root<?> root, QuerySpec<?> spec) {
		Map<List<String>, Fetch<?, ?>> fetched = new HashMap<>();
		for (List<String> chain : spec.selectRelated()) {
			FetchParent<?, ?> parent = root;
			ManagedType<?> type = root.getModel();
			boolean outer = false;
			for (int i = 0; i < chain.size(); i++) {
				FetchParent<?, ?> from = parent;
				SingularAttribute<?, ?> attribute = type.getSingularAttribute(chain.get(i));
				outer = Joins.outerFollowing(outer, attribute);
				JoinType join = outer ? JoinType.LEFT : JoinType.INNER;
				parent = fetched.computeIfAbsent(chain.subList(0, i + 1), (key) -> from.fetch(attribute.getName(), join));
				type = (ManagedType<?>) attribute.getType();
			}
		}
	}

	/**
	 * Loads a relation of entities already read in this persistence context, with one query per
	 * thousand rows ({@code SELECT x FROM T x LEFT JOIN FETCH x.relation WHERE x.id IN ...}). A
	 * partly read row ({@code only()}/{@code defer()}) is not in the persistence context: it is
	 * given the relation that query loaded.
	 */
	void prefetch(EntityManager em, QuerySpec<T> spec, List<T> rows, String relation) {
		String id = this.model.id().getName();
		List<Object> ids = rows.stream().map(this.model::idOf).distinct().toList();
		CriteriaBuilder cb = em.getCriteriaBuilder();
		Map<Object, T> loaded = new HashMap<>();
		for (List<Object> chunk : Batches.split(ids, ModelRuntime.IN_CHUNK)) {
			CriteriaQuery<T> query = cb.createQuery(this.model.javaType());
			Root<T> root = query.from(this.model.javaType());
			root.fetch(relation, JoinType.LEFT);
			query.where(root.get(id).in(chunk));
			List<T> whole = timed(em.createQuery(query), spec).getResultList();
			if (spec.loading().isPartial()) {
				whole.forEach((row) -> loaded.put(this.model.idOf(row), row));
			}
		}
		if (spec.loading().isPartial()) {
			Attribute<? super T, ?> attribute = this.model.attribute(relation);
			for (T row : rows) {
				// A row deleted since it was read has nothing to give.
				T whole = loaded.get(this.model.idOf(row));
				if (whole != null) {
					EntityAttributes.set(row, attribute, EntityAttributes.get(whole, attribute));
				}
			}
		}
	}

	private static void orderBy(CriteriaQuery<?> query, List<OrderTerm> ordering, Joins joins) {
		if (!ordering.isEmpty()) {
			query.orderBy(ordering.stream().map((term) -> term.toOrder(joins, query)).toList());
		}
	}

	/** Selects the ids of one window of rows, for {@code exists()} and deletes. */
	TypedQuery<?> selectIds(EntityManager em, QuerySpec<T> spec, int offset, @Nullable Integer limit) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<Object> query = cb.createQuery(Object.class);
		Root<T> root = query.from(this.model.javaType());
		query.select(root.get(this.model.id().getName()));
		where(query, spec, root, cb);
		return window(timed(em.createQuery(query), spec), offset, limit);
	}

	/** Counts the rows matching the conditions (distinct ones for {@code distinct()}), ignoring order and slice. */
	long count(EntityManager em, QuerySpec<T> spec) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<Long> query = cb.createQuery(Long.class);
		Root<T> root = query.from(this.model.javaType());
		query.select(spec.distinct() ? cb.countDistinct(root) : cb.count(root));
		where(query, spec, root, cb);
		return timed(em.createQuery(query), spec).getSingleResult();
	}

	/** Updates the matching rows; values are bound parameters or {@link ExpressionFactory}s. */
	@SuppressWarnings("unchecked")
	int update(EntityManager em, QuerySpec<T> spec, Map<String, @Nullable Object> values) {
		HibernateCriteriaBuilder cb = (HibernateCriteriaBuilder) em.getCriteriaBuilder();
		CriteriaUpdate<T> update = cb.createCriteriaUpdate(this.model.javaType());
		Root<T> root = update.from(this.model.javaType());
		values.forEach((field, value) -> {
			Path<Object> path = root.get(field);
			if (value instanceof ExpressionFactory factory) {
				update.<Object>set(path, (Expression<? extends Object>) factory.create(Joins.outer(root, cb), cb));
			}
			else if (value == null) {
				update.<Object>set(path, (Expression<? extends Object>) cb.nullLiteral(path.getJavaType()));
			}
			else if (value instanceof RelatedReference related) {
				update.set(path, (Object) em.getReference(related.type(), related.id()));
			}
			else {
				update.set(path, (Object) value);
			}
		});
		Predicate predicate = rowsOf(spec, root, update, cb);
		if (predicate != null) {
			update.where(predicate);
		}
		return timed(em.createQuery(update), spec).executeUpdate();
	}

	/** Deletes the matching rows with one statement. */
	int delete(EntityManager em, QuerySpec<T> spec) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaDelete<T> delete = cb.createCriteriaDelete(this.model.javaType());
		Root<T> root = delete.from(this.model.javaType());
		Predicate predicate = rowsOf(spec, root, delete, cb);
		if (predicate != null) {
			delete.where(predicate);
		}
		return timed(em.createQuery(delete), spec).executeUpdate();
	}

	/**
	 * The predicate of an {@code UPDATE} or {@code DELETE}: the conditions themselves, or, when
	 * they join other tables, {@code id IN (SELECT id ... JOIN ...)}, as Django writes it.
	 */
	private @Nullable Predicate rowsOf(QuerySpec<T> spec, Root<T> root, CommonAbstractCriteria statement,
			CriteriaBuilder cb) {
		if (!spec.spansRelations()) {
			return spec.predicate(root, statement, cb);
		}
		return idIn(spec, root, statement, cb);
	}

	/** {@code id IN (SELECT id FROM ... WHERE <the spec's conditions>)}; a {@code none()} spec matches nothing. */
	Predicate idIn(QuerySpec<T> spec, Root<T> root, CommonAbstractCriteria statement, CriteriaBuilder cb) {
		if (spec.empty()) {
			return cb.disjunction();
		}
		String id = this.model.id().getName();
		Subquery<?> ids = statement.subquery(this.model.id().getJavaType());
		Root<T> row = ids.from(this.model.javaType());
		ids.select(row.get(id));
		Predicate predicate = spec.predicate(row, ids, cb);
		if (predicate != null) {
			ids.where(predicate);
		}
		return root.get(id).in(ids);
	}

	/**
	 * The rows of every spec, each as often as it appears in them, Django's
	 * {@code union(all=True)}: the statement also reads from
	 * {@code (SELECT id ... UNION ALL SELECT id ...)}, one row per id listed, joined on the id.
	 * The condition spans relations, so that rows are read keeping their repeats.
	 */
	Condition<T> unionAll(List<QuerySpec<T>> specs) {
		return new SpanningCondition<>(
				(root, statement, cb) -> inUnionAll(specs, root, statement, (HibernateCriteriaBuilder) cb), true);
	}

	private Predicate inUnionAll(List<QuerySpec<T>> specs, Root<T> root, CommonAbstractCriteria statement,
			HibernateCriteriaBuilder cb) {
		if (!(statement instanceof JpaSelectCriteria<?> select)) {
			throw new IllegalStateException("unionAll() reads rows; it cannot select the rows of " + statement);
		}
		List<JpaSubQuery<Object>> parts = specs.stream()
			.map((spec) -> ids(select, spec, cb).query().distinct(spec.distinct()))
			.toList();
		JpaSubQuery<Object> ids = (parts.size() == 1) ? parts.get(0)
				: cb.union(true, parts.get(0), parts.subList(1, parts.size()).toArray(Subquery<?>[]::new));
		return joinedOnId(select, ids, root, cb);
	}

	/** Reads the matching entities locked for update ({@code FOR UPDATE}), for {@code updateOrCreate}. */
	List<T> selectForUpdate(EntityManager em, QuerySpec<T> spec, int limit) {
		QuerySpec<T> locked = spec.lock(SelectForUpdateOptions.defaults());
		return resultList(select(em, locked, List.of(), 0, limit), locked);
	}

	/** Runs the statement of a read, with the row locks of {@code selectForUpdate()} in its SQL. */
	private <R> List<R> resultList(TypedQuery<R> query, QuerySpec<T> spec) {
		SelectForUpdateOptions lock = spec.lock();
		return (lock == null) ? query.getResultList()
				: RowLockStatementInspector.locking(this.rowLocks.clause(lock, spec.selectRelated()), query::getResultList);
	}

	private void where(CriteriaQuery<?> query, QuerySpec<T> spec, Root<T> root, CriteriaBuilder cb) {
		Predicate predicate = spec.predicate(root, query, cb);
		if (predicate != null) {
			query.where(predicate);
		}
	}

	/**
	 * Applies the queryset's statement timeout, else the default one, in JDBC's whole seconds,
	 * rounded up. Also lets Hibernate keep the query's translation to SQL in its plan cache, which
	 * it does not do for Criteria queries unless asked: the next query of the same shape, whatever
	 * its values, then skips the translation. Only shapes with few bound values are kept: each
	 * value weighs on the cached plan, and an {@code in} list of every length would be a shape of
	 * its own.
	 */
	<Q extends Query> Q timed(Q query, QuerySpec<?> spec) {
		int values = query.unwrap(QueryImplementor.class).getParameterMetadata().getParameterCount();
		query.setHint(HibernateHints.HINT_QUERY_PLAN_CACHEABLE, values <= MAX_VALUES_OF_CACHED_PLAN);
		Duration timeout = (spec.timeout() != null) ? spec.timeout() : this.defaultTimeout;
		if (timeout != null) {
			long millis = timeout.toMillis();
			query.setHint(HibernateHints.HINT_TIMEOUT, (int) ((millis + 999) / 1000));
		}
		return query;
	}

	/**
	 * Reads entities without a snapshot for dirty checking when no transaction is active: they are
	 * detached as soon as the read ends, so nothing would ever compare them.
	 */
	private static <Q extends Query> Q detached(Q query) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			query.setHint(HibernateHints.HINT_READ_ONLY, true);
		}
		return query;
	}

	private static <Q extends TypedQuery<?>> Q window(Q query, int offset, @Nullable Integer limit) {
		if (offset > 0) {
			query.setFirstResult(offset);
		}
		if (limit != null) {
			query.setMaxResults(limit);
		}
		return query;
	}

}
