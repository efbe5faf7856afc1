package dev.asyncorm;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The query operations shared by a model manager ({@link AsyncModelRepository}) and a queryset
 * ({@link AsyncQuerySet}), Django's {@code Manager} and {@code QuerySet} methods.
 * <p>
 * Building methods ({@code filter}, {@code orderBy}, {@code slice}, …) are synchronous, do no
 * I/O and return a new immutable queryset; a field or lookup name that the JPA metamodel does not
 * know fails there, with {@link InvalidLookupException}. Terminal methods return a
 * {@link CompletableFuture} that completes on the
 * {@code asyncOrmExecutor}: each runs in its own transaction unless inside
 * {@link AsyncOrm#atomic}, a single-statement read runs without one (autocommit), entities come
 * back detached, and failures complete the future exceptionally with an exception of Spring's
 * {@code DataAccessException} hierarchy.
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
public interface AsyncQueryOperations<T> {

	/**
	 * Returns a queryset of every row (Django's {@code all()}).
	 * @return a new queryset
	 */
	AsyncQuerySet<T> all();

	/**
	 * Returns a queryset that matches nothing and never queries the database.
	 * @return a new, empty queryset
	 */
	AsyncQuerySet<T> none();

	/**
	 * Narrows to the rows matching one lookup, {@code field[__transform][__lookup]}; {@code exact}
	 * when no lookup is named, and {@code exact} with {@code null} means {@code isnull}.
	 * <p>
	 * The value may be another queryset, read by a subquery of the same statement, as in Django:
	 * its one column ({@code values("id")}, {@code valuesList("id", Long.class)}), or the primary
	 * key of its entities, which a relation must then be of
	 * ({@code filter("box__in", boxes.filter("name__startswith", "s"))}). It is accepted by
	 * {@code in}; by {@code exact} when sliced to one row, as Django requires; by {@code gt},
	 * {@code gte}, {@code lt} and {@code lte} as one value, which the database requires it to be.
	 * A sliced one takes its rows in its order, on every database.
	 * @param lookup the lookup, for example {@code "name__istartswith"} or {@code "pubDate__year__gte"}
	 * @param value the value, bound as a parameter, or a queryset
	 * @return a new queryset
	 * @throws InvalidLookupException if the field, transform or lookup is unknown
	 * @throws InvalidDataAccessApiUsageException if the value does not fit the lookup (a queryset of
	 * several columns: "Cannot use multi-field values as a filter value."), or the queryset is sliced
	 */
	AsyncQuerySet<T> filter(String lookup, Object value);

	/**
	 * Narrows to the rows matching a {@link Q} condition.
	 * @param condition the condition
	 * @return a new queryset
	 * @throws InvalidLookupException if a field, transform or lookup is unknown
	 */
	AsyncQuerySet<T> filter(Q condition);

	/**
	 * Narrows to the rows matching every lookup of the map (Django's {@code filter(**kwargs)}).
	 * @param lookups lookups and their values
	 * @return a new queryset
	 * @throws InvalidLookupException if a field, transform or lookup is unknown
	 */
	AsyncQuerySet<T> filter(Map<String, ?> lookups);

	/**
	 * Removes the rows matching one lookup; SQL's three-valued logic is Django's: rows where the
	 * field is {@code NULL} are not excluded by a comparison.
	 * @param lookup the lookup
	 * @param value the value
	 * @return a new queryset
	 * @throws InvalidLookupException if the field, transform or lookup is unknown
	 */
	AsyncQuerySet<T> exclude(String lookup, Object value);

	/**
	 * Removes the rows matching a {@link Q} condition.
	 * @param condition the condition
	 * @return a new queryset
	 * @throws InvalidLookupException if a field, transform or lookup is unknown
	 */
	AsyncQuerySet<T> exclude(Q condition);

	/**
	 * Removes the rows matching all the lookups of the map together.
	 * @param lookups lookups and their values
	 * @return a new queryset
	 * @throws InvalidLookupException if a field, transform or lookup is unknown
	 */
	AsyncQuerySet<T> exclude(Map<String, ?> lookups);

	/**
	 * Orders by the given fields, {@code "-field"} descending and {@code "?"} random, replacing
	 * any earlier order; with no field, clears the order (also the model's default ordering).
	 * @param fields the fields
	 * @return a new queryset
	 * @throws InvalidLookupException if a field is unknown
	 */
	AsyncQuerySet<T> orderBy(String... fields);

	/**
	 * Inverts the order: the explicit one, else the model's default ordering, and the primary key
	 * that {@link #first()} and {@link #last()} fall back on.
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	AsyncQuerySet<T> reverse();

	/**
	 * Removes duplicate rows ({@code SELECT DISTINCT}), such as those a filter across a
	 * multi-valued relation gives.
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	AsyncQuerySet<T> distinct();

	/**
	 * Fetches to-one relations with the rows, in the same query (outer joins), Django's
	 * {@code select_related()}: the entities come back with them loaded. {@code "box__owner"}
	 * follows a chain; no argument fetches every to-one relation of the model. A relation that was
	 * not fetched cannot be read from a returned entity (Hibernate's
	 * {@code LazyInitializationException}); use this, {@link #prefetchRelated(String...)} or the
	 * repository's {@code relatedObject(...)} / {@code related(...)}. With {@link #only(String...)}
	 * or {@link #defer(String...)}, each related row is read with the fields that paths across its
	 * relation name ({@code only("name", "box__name")}), or whole, as Django's select mask does.
	 * @param relations the to-one relations
	 * @return a new queryset
	 * @throws InvalidLookupException if a name is not a to-one relation, or the relation is
	 * deferred by {@code only()}/{@code defer()} (Django's "cannot be both deferred and traversed
	 * using select_related at the same time")
	 */
	AsyncQuerySet<T> selectRelated(String... relations);

	/**
	 * Loads relations of the rows with one more query each, Django's {@code prefetch_related()}:
	 * collections (many-to-many, reverse foreign keys) as well as to-one relations. The rows and
	 * their relations are read in one read-only transaction; {@code iterator()} and
	 * {@code forEach()} prefetch chunk by chunk. Django's {@code <model>_set} name of a relation
	 * that only the other entity maps ({@code "story_set"} on {@code Reporter} for
	 * {@code Story.reporter}) is prefetched too; as the instance has no attribute to hold those
	 * rows, {@code related(reporter, "story_set").list()} answers from them without a query
	 * (in primary key order), for the instances read here; any other operation of that manager,
	 * or a queryset built from it ({@code orderBy}, {@code filter}), reads the database.
	 * @param relations relation attributes of the model, or {@code <model>_set} names
	 * @return a new queryset
	 * @throws InvalidLookupException if a name is neither a relation attribute nor a
	 * {@code <model>_set} name of the model, or such a name is ambiguous
	 */
	AsyncQuerySet<T> prefetchRelated(String... relations);

	/**
	 * Reads the entities with these fields only (and the id), Django's {@code only()}: the other
	 * fields are unset ({@code null}, or 0 and {@code false} when primitive), relations among them
	 * unloaded. {@code save()} of such an instance writes only the fields it was read with and
	 * those assigned since, as Django saves a deferred instance; writing another one
	 * ({@code save(entity, fields)}, {@code bulkUpdate}) is refused until {@code refresh()}. A
	 * later {@code only()} replaces the fields; after {@code defer()}, the deferred ones stay
	 * deferred. {@link #prefetchRelated(String...)} loads the relations of such rows.
	 * <p>
	 * A path across to-one relations ({@code "box__name"}) names a field of a related row that
	 * {@link #selectRelated(String...)} follows: that row is built from the joined columns with
	 * those fields only (and its id), is itself partly read for {@code save()}, and is set on the
	 * entity; without such paths it is read whole. The relation on the path is read too (its id);
	 * a path across a relation not followed reads nothing more, as in Django.
	 * @param fields the model's own fields ({@code "box"} reads the relation's id only), or paths
	 * across to-one relations
	 * @return a new queryset
	 * @throws InvalidLookupException if a field is unknown or is a collection, a path goes through
	 * a field that is not a to-one relation, or a relation that {@code selectRelated()} follows is
	 * left unread
	 * @throws InvalidDataAccessApiUsageException after {@code values()}
	 */
	AsyncQuerySet<T> only(String... fields);

	/**
	 * Reads the entities without these fields, Django's {@code defer()}: they are unset as
	 * {@link #only(String...)} describes. Deferred fields add up over calls; with no field, clears
	 * every deferral (Django's {@code defer(None)}). A path across a to-one relation that
	 * {@link #selectRelated(String...)} follows ({@code "box__name"}) defers that field of the
	 * related row, not the relation.
	 * @param fields the model's own fields, or paths across to-one relations
	 * @return a new queryset
	 * @throws InvalidLookupException if a field is unknown or is a collection, a path goes through
	 * a field that is not a to-one relation, or a relation that {@code selectRelated()} follows is
	 * deferred
	 * @throws InvalidDataAccessApiUsageException after {@code values()}
	 */
	AsyncQuerySet<T> defer(String... fields);

	/**
	 * Sets a statement timeout on this queryset's queries (JDBC's, in whole seconds, rounded up). A
	 * query that runs longer fails with Spring's {@code QueryTimeoutException}.
	 * @param timeout the timeout, positive
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if the timeout is not positive
	 */
	AsyncQuerySet<T> timeout(Duration timeout);

	/**
	 * Runs this queryset's operations on one database, Django's {@code using(alias)}: its reads
	 * and its writes ({@code update}, {@code delete}, {@code getOrCreate}, {@code bulkCreate} …)
	 * go there instead of where the routers would send them. Inside {@code AsyncOrm.atomic} on
	 * another database, its operations are refused.
	 * @param alias the database's alias: {@code default} for the application's own data source,
	 * or one configured under {@code async-orm.databases}
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException naming the databases when the alias is not one
	 * @since 0.2.0
	 */
	AsyncQuerySet<T> using(String alias);

	/**
	 * Locks the rows read until the end of the transaction ({@code SELECT ... FOR UPDATE}),
	 * Django's {@code select_for_update()}. Only inside {@link AsyncOrm#atomic}: reading outside a
	 * transaction fails. The lock is in the statement that reads the rows, whatever the relations
	 * it joins; on PostgreSQL a statement with outer joins locks the queryset's own rows
	 * ({@code FOR UPDATE OF} its table), since PostgreSQL cannot lock the nullable side of an
	 * outer join.
	 * @return a new queryset
	 */
	AsyncQuerySet<T> selectForUpdate();

	/**
	 * Locks the rows read, failing at once when one is locked ({@code NOWAIT}) or leaving locked
	 * rows out ({@code SKIP LOCKED}).
	 * @param nowait fail at once on a locked row
	 * @param skipLocked skip the locked rows
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if both are {@code true}
	 */
	AsyncQuerySet<T> selectForUpdate(boolean nowait, boolean skipLocked);

	/**
	 * Locks the rows read with Django's further options: {@code FOR NO KEY UPDATE} and
	 * {@code FOR UPDATE OF} on PostgreSQL, besides {@code NOWAIT} and {@code SKIP LOCKED}. The
	 * read fails with {@link InvalidLookupException} when {@code of} names what is neither
	 * {@code "self"} nor a relation the queryset follows with {@link #selectRelated}, and with
	 * {@link org.springframework.dao.InvalidDataAccessApiUsageException} when the database has no
	 * such lock, as Django's {@code NotSupportedError}.
	 * @param options the lock's options
	 * @return a new queryset
	 */
	AsyncQuerySet<T> selectForUpdate(SelectForUpdateOptions options);

	/**
	 * Takes rows {@code start} (inclusive) to {@code end} (exclusive), Django's {@code [start:end]}.
	 * @param start the first row, from 0
	 * @param end the row after the last one
	 * @return a new, sliced queryset
	 * @throws InvalidDataAccessApiUsageException if an index is negative or {@code end < start}
	 */
	AsyncQuerySet<T> slice(int start, int end);

	/**
	 * Takes the first {@code n} rows, Django's {@code [:n]}.
	 * @param n the number of rows
	 * @return a new, sliced queryset
	 * @throws InvalidDataAccessApiUsageException if {@code n} is negative
	 */
	AsyncQuerySet<T> limit(int n);

	/**
	 * Skips the first {@code n} rows, Django's {@code [n:]}.
	 * @param n the number of rows to skip
	 * @return a new, sliced queryset
	 * @throws InvalidDataAccessApiUsageException if {@code n} is negative
	 */
	AsyncQuerySet<T> offset(int n);

	/**
	 * Returns the rows as maps of field names to values, keys in the order asked, Django's
	 * {@code values()}. Fields may span relations ({@code box__name}); a relation gives its id. With
	 * no field, every basic field, the id first, and each to-one relation's id keyed
	 * {@code <relation>_id}. Only the columns asked for are read.
	 * @param fields the fields
	 * @return a new queryset of maps
	 * @throws InvalidLookupException if a field is unknown
	 */
	AsyncQuerySet<Map<String, Object>> values(String... fields);

	/**
	 * Returns the rows as lists of values, in the order asked, Django's {@code values_list()}.
	 * @param fields the fields; none means every field, as {@link #values(String...)}
	 * @return a new queryset of lists
	 * @throws InvalidLookupException if a field is unknown
	 */
	AsyncQuerySet<List<Object>> valuesList(String... fields);

	/**
	 * Returns the values of one field, Django's {@code values_list(field, flat=True)}.
	 * @param field the field
	 * @param type the type of its values; they are converted to it when they differ
	 * @param <V> the value type
	 * @return a new queryset of values
	 * @throws InvalidLookupException if the field is unknown
	 * @throws InvalidDataAccessApiUsageException if the field's values cannot be converted to {@code type}
	 */
	<V> AsyncQuerySet<V> valuesList(String field, Class<V> type);

	/**
	 * Returns the rows mapped onto a record (its components) or an interface (its getters), named
	 * after fields as in {@link #values(String...)}; only those columns are read (Django's
	 * {@code values_list(named=True)}, and Spring Data's projections).
	 * @param type the record or interface
	 * @param <P> the projection type
	 * @return a new queryset of projections
	 * @throws InvalidLookupException if a component or getter names no field
	 * @throws InvalidDataAccessApiUsageException if the type is neither a record nor an interface
	 */
	<P> AsyncQuerySet<P> as(Class<P> type);

	/**
	 * Adds an aggregate computed for each row, Django's {@code annotate(alias=...)}. On a queryset
	 * of entities it is computed per row over its related rows (the filters applied before it
	 * narrow them, as in Django) and can be filtered on, ordered by, and read with
	 * {@link #values(String...)} or {@link #as(Class)}: entities have no field to carry it. After
	 * {@code values(...)} it groups by those fields ({@code GROUP BY}).
	 * @param alias the name of the annotation
	 * @param aggregate the aggregate
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if the alias names a field, or the queryset is sliced
	 */
	AsyncQuerySet<T> annotate(String alias, Aggregate aggregate);

	/**
	 * Computes aggregates over the rows, Django's {@code aaggregate}, ignoring the order. Over no
	 * rows, {@code count} is 0 and the others {@code null}, unless {@link Aggregate#orElse} says
	 * otherwise.
	 * @param aggregates the aggregates; each result is keyed by its alias
	 * @return a future of the results, in the order given
	 * @throws InvalidLookupException if a field is unknown
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<Map<String, Object>> aggregate(Aggregate... aggregates);

	/**
	 * Runs the query and returns every row, Django's {@code [x async for x in qs]}.
	 * @return a future of the detached entities, in order
	 */
	CompletableFuture<List<T>> list();

	/**
	 * Returns the one row of this queryset. Reads at most 21 rows.
	 * @return a future of the entity; fails with {@link ObjectDoesNotExistException} when there is
	 * none and {@link MultipleObjectsReturnedException} when there are several
	 */
	CompletableFuture<T> get();

	/**
	 * Returns the one row matching a lookup. {@code get("pk", id)} (or {@code pk__exact}, or the
	 * id's own name) on a queryset of the whole table, with no statement timeout, is Hibernate's
	 * load by id: one {@code SELECT} by primary key whose SQL Hibernate prepared once.
	 * @param lookup the lookup
	 * @param value the value
	 * @return a future of the entity, failing as {@link #get()} does
	 * @throws InvalidLookupException if the field, transform or lookup is unknown
	 */
	CompletableFuture<T> get(String lookup, Object value);

	/**
	 * Returns the one row matching a condition.
	 * @param condition the condition
	 * @return a future of the entity, failing as {@link #get()} does
	 * @throws InvalidLookupException if a field, transform or lookup is unknown
	 */
	CompletableFuture<T> get(Q condition);

	/**
	 * Returns the one row matching every lookup of the map.
	 * @param lookups lookups and their values
	 * @return a future of the entity, failing as {@link #get()} does
	 * @throws InvalidLookupException if a field, transform or lookup is unknown
	 */
	CompletableFuture<T> get(Map<String, ?> lookups);

	/**
	 * Returns the row at an index, Django's {@code qs[index]}.
	 * @param index the index, from 0
	 * @return a future of the entity; fails with {@link ObjectDoesNotExistException} past the end
	 * @throws InvalidDataAccessApiUsageException if the index is negative
	 */
	CompletableFuture<T> item(int index);

	/**
	 * Returns the first row, ordered by primary key when the queryset has no order.
	 * @return a future of the entity, or of an empty {@code Optional} when there is none
	 */
	CompletableFuture<Optional<T>> first();

	/**
	 * Returns the last row, ordered by primary key when the queryset has no order.
	 * @return a future of the entity, or of an empty {@code Optional} when there is none
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<Optional<T>> last();

	/**
	 * Returns the latest row by the given fields, or by the model's {@code getLatestBy}.
	 * @param fields the fields; {@code "-field"} inverts one
	 * @return a future of the entity; fails with {@link ObjectDoesNotExistException} when there is none
	 * @throws InvalidDataAccessApiUsageException if no field is given and the model has no {@code getLatestBy}
	 */
	CompletableFuture<T> latest(String... fields);

	/**
	 * Returns the earliest row by the given fields, or by the model's {@code getLatestBy}.
	 * @param fields the fields; {@code "-field"} inverts one
	 * @return a future of the entity; fails with {@link ObjectDoesNotExistException} when there is none
	 * @throws InvalidDataAccessApiUsageException if no field is given and the model has no {@code getLatestBy}
	 */
	CompletableFuture<T> earliest(String... fields);

	/**
	 * Tells whether an entity is one of the rows, Django's {@code acontains}, with one query by its id.
	 * @param entity a saved entity of the queryset's model
	 * @return a future of the answer
	 * @throws InvalidDataAccessApiUsageException if the entity is unsaved or of another model
	 */
	CompletableFuture<Boolean> contains(T entity);

	/**
	 * Returns every row keyed by its id, Django's {@code ain_bulk()}.
	 * @return a future of the rows by id
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<Map<Object, T>> inBulk();

	/**
	 * Returns the rows of these ids, keyed by id; ids without a row are left out.
	 * @param ids the ids
	 * @return a future of the rows by id
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<Map<Object, T>> inBulk(Collection<?> ids);

	/**
	 * Returns the rows whose unique field has one of these values, keyed by that value.
	 * @param values the values
	 * @param field a unique field (the id, or a {@code @Column(unique = true)} field)
	 * @return a future of the rows by value
	 * @throws InvalidDataAccessApiUsageException if the field is not unique, or the queryset is sliced
	 */
	CompletableFuture<Map<Object, T>> inBulk(Collection<?> values, String field);

	/**
	 * Returns the rows of this queryset or of any of the others, without duplicates, Django's
	 * {@code union()}. The result can be ordered and sliced, not filtered.
	 * @param others querysets of the same model
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if a queryset is sliced or of another model
	 */
	AsyncQuerySet<T> union(AsyncQuerySet<T>... others);

	/**
	 * Returns the rows of this queryset and of the others, each as often as the querysets give it,
	 * Django's {@code union(all=True)}. The result can be ordered, sliced, counted and projected,
	 * not filtered. Unordered and unsliced, {@code iterator()}/{@code forEach()} stream it one
	 * queryset after the other, each by keyset in primary-key order (the order of a union without
	 * {@code order_by} is unspecified in Django too); ordered or sliced, they read its entities in
	 * windows of its order, the primary key breaking ties (projections of it are refused there).
	 * @param others querysets of the same model
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if a queryset is sliced, combined or of another model
	 */
	AsyncQuerySet<T> unionAll(AsyncQuerySet<T>... others);

	/**
	 * Returns the rows of this queryset that are in every one of the others, Django's {@code intersection()}.
	 * @param others querysets of the same model
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if a queryset is sliced or of another model
	 */
	AsyncQuerySet<T> intersection(AsyncQuerySet<T>... others);

	/**
	 * Returns the rows of this queryset that are in none of the others, Django's {@code difference()}.
	 * @param others querysets of the same model
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if a queryset is sliced or of another model
	 */
	AsyncQuerySet<T> difference(AsyncQuerySet<T>... others);

	/**
	 * Combines the conditions of both querysets, Django's {@code qs1 & qs2}.
	 * @param other a queryset of the same model
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if a queryset is sliced or of another model
	 */
	AsyncQuerySet<T> and(AsyncQuerySet<T> other);

	/**
	 * Takes the rows matching either queryset's conditions, Django's {@code qs1 | qs2}.
	 * @param other a queryset of the same model
	 * @return a new queryset
	 * @throws InvalidDataAccessApiUsageException if a queryset is sliced or of another model
	 */
	AsyncQuerySet<T> or(AsyncQuerySet<T> other);

	/**
	 * Counts the rows with one {@code SELECT COUNT}, never loading them.
	 * @return a future of the count
	 */
	// SUPPORTS: Spring Data would otherwise give this method the transaction of SimpleJpaRepository's
	// method of the same signature, opening it on the caller's thread around the dispatch.
	@Transactional(propagation = Propagation.SUPPORTS)
	CompletableFuture<Long> count();

	/**
	 * Tells whether there is any row, reading at most one id.
	 * @return a future of the answer
	 */
	CompletableFuture<Boolean> exists();

	/**
	 * Returns the database's plan for the statement that {@link #list()} sends, Django's
	 * {@code aexplain()}: one {@code EXPLAIN} of the same SQL with the same bound parameters;
	 * prefetch queries are not explained. The plan is the database's text, as Django gives it:
	 * H2's one row, PostgreSQL's {@code QUERY PLAN} lines, and on MariaDB each row of its table
	 * with the values joined by a space (a missing one as {@code null}); rows are joined with new
	 * lines. The statement is planned, not run: no row is returned or locked. It runs on the
	 * {@code asyncOrmExecutor} in autocommit, or in the transaction of {@link AsyncOrm#atomic}
	 * when called there, which it leaves open.
	 * @return a future of the plan; a {@link #selectForUpdate() locking} queryset fails outside a
	 * transaction, as its {@code list()} does
	 * @throws InvalidDataAccessApiUsageException if the queryset is {@link #none()}: it sends no
	 * statement, so there is no plan (Django finds none either)
	 */
	CompletableFuture<String> explain();

	/**
	 * Returns the row matching the lookups, creating it when there is none, Django's
	 * {@code aget_or_create}. The exact lookups (those without {@code __}) and the defaults give the
	 * new row's fields; a {@link java.util.function.Supplier} among the defaults is called only when
	 * creating. Safe under concurrency when the lookup is backed by a unique constraint: a caller
	 * that loses the race re-reads the winner's row in a fresh transaction. An {@code id} (or
	 * {@code pk}) among the lookups is inserted as given, as
	 * {@link AsyncModelRepository#create(Object)} describes; a to-one relation may be named by its
	 * column ({@code "box_id"}) in the lookups and the defaults.
	 * @param lookups lookups identifying the row
	 * @param defaults further fields of a new row
	 * @return a future of the row and whether it was created; fails with
	 * {@link MultipleObjectsReturnedException} when several rows match, and with
	 * {@code DataIntegrityViolationException} when the insert violates a constraint and no row
	 * matches the lookups afterwards (an id taken by a row that does not match the other lookups)
	 */
	CompletableFuture<CreateResult<T>> getOrCreate(Map<String, ?> lookups, Map<String, ?> defaults);

	/**
	 * Returns the row matching the lookups, creating it from the exact lookups when there is none.
	 * @param lookups lookups identifying the row
	 * @return a future of the row and whether it was created
	 * @see #getOrCreate(Map, Map)
	 */
	CompletableFuture<CreateResult<T>> getOrCreate(Map<String, ?> lookups);

	/**
	 * Updates the row matching the lookups with the defaults, creating it when there is none,
	 * Django's {@code aupdate_or_create}. The matching row is locked ({@code SELECT … FOR UPDATE})
	 * while it is updated; race-safe as {@link #getOrCreate(Map, Map)} is.
	 * @param lookups lookups identifying the row
	 * @param defaults fields to set, on the found row or the new one
	 * @return a future of the row and whether it was created
	 */
	CompletableFuture<CreateResult<T>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults);

	/**
	 * Updates the row matching the lookups with {@code defaults}, or creates it with
	 * {@code createDefaults}, Django's {@code create_defaults}.
	 * @param lookups lookups identifying the row
	 * @param defaults fields to set on a found row
	 * @param createDefaults fields of a new row
	 * @return a future of the row and whether it was created
	 */
	CompletableFuture<CreateResult<T>> updateOrCreate(Map<String, ?> lookups, Map<String, ?> defaults,
			Map<String, ?> createDefaults);

	/**
	 * Calls the action for each row, in the order of {@link AsyncQuerySet#iterator()} and reading
	 * chunks as it does, Django's {@code async for row in qs}. The action runs on the
	 * {@code asyncOrmExecutor} thread that read the row's chunk, once its connection was returned,
	 * one row at a time: a slow action holds that thread (no connection), so hand long work to
	 * another executor.
	 * @param action what to do with each detached entity
	 * @return a future completed once every row was seen; it completes exceptionally with the
	 * action's exception (no further chunk is read) or the {@code DataAccessException} of a failed
	 * read, and cancelling it stops the reading
	 * @throws InvalidDataAccessApiUsageException if the order cannot be read by keyset
	 */
	CompletableFuture<Void> forEach(Consumer<? super T> action);

	/**
	 * Inserts the objects with one multi-row {@code INSERT} per batch, Django's
	 * {@code abulk_create}; the same as {@link #bulkCreate(List, BulkCreateOptions)} with
	 * {@link BulkCreateOptions#defaults()}.
	 * @param objects the new entities
	 * @return a future of the same instances, in order, their ids set
	 * @throws InvalidDataAccessApiUsageException if an object cannot be bulk-created (see
	 * {@link #bulkCreate(List, BulkCreateOptions)})
	 */
	CompletableFuture<List<T>> bulkCreate(List<T> objects);

	/**
	 * Inserts the objects with one multi-row {@code INSERT} per batch, all batches in one
	 * transaction (or the current one inside {@link AsyncOrm#atomic}), Django's
	 * {@code abulk_create}: never one statement per row, whatever the id generation (sequence ids
	 * are fetched in Hibernate's allocation blocks). Ids generated by the database come back with
	 * the insert ({@code RETURNING} on PostgreSQL and MariaDB, generated keys on H2) and are set on
	 * the instances; with {@link BulkCreateOptions#updateConflicts} an object whose row existed
	 * gets that row's id; with {@link BulkCreateOptions#ignoreConflicts} the ids are left unset,
	 * as in Django, since no database tells which rows it skipped. When the call fails, nothing
	 * is inserted and the ids stay unset.
	 * <p>
	 * On a model whose identity column generates the ids, objects that carry an id are inserted
	 * with it, apart from the others and before them, as Django splits the objects with a primary
	 * key from those without; the identity then moves past the given ids as
	 * {@link AsyncModelRepository#create(Object)} describes, so the ids generated for the others
	 * follow them. A duplicate id fails the whole call; {@code ignoreConflicts} skips it and keeps
	 * the id on its object; {@code updateConflicts(fields, List.of("id"))} updates the row of that
	 * id. The objects that carry an id keep it, whatever the options.
	 * <p>
	 * The rows are written as they are, as Django writes them without {@code save()}, except that
	 * {@code @PrePersist} callbacks (Spring Data auditing among them) and Hibernate's generators
	 * ({@code @Version}, {@code @CreationTimestamp}, sequences) run: nothing cascades, no
	 * {@code @PostPersist} callback runs, and the queryset's filters do not apply. Supported on
	 * H2, PostgreSQL and MariaDB; on H2, whose conflicts are handled with {@code MERGE}, two rows
	 * of one call that conflict with each other fail even with {@code ignoreConflicts}. An empty
	 * list completes at once, without I/O.
	 * @param objects the new entities
	 * @param options batch size and conflict handling
	 * @return a future of the same instances, in order, their ids set; fails with
	 * {@code DataIntegrityViolationException} when a row violates a constraint that the options
	 * do not handle
	 * @throws InvalidLookupException if a field named in the options is unknown
	 * @throws InvalidDataAccessApiUsageException if an object has a filled collection (a
	 * many-to-many relation is added after the rows exist, as in Django), an id already set that
	 * a sequence or another generator than an identity column would generate, or an unsaved
	 * related object; if the options do not fit the database; or when called
	 * on a related manager
	 */
	CompletableFuture<List<T>> bulkCreate(List<T> objects, BulkCreateOptions options);

	/**
	 * Writes the given fields of the objects to their rows with one
	 * {@code UPDATE … SET f = CASE id WHEN … END WHERE id IN (…)} per batch, Django's
	 * {@code abulk_update}; batches are sized by {@code async-orm.bulk.batch-size} and the
	 * database's parameter limit. The values are read when the method is called. Rows outside
	 * the queryset are not updated; {@code @Version} fields are not incremented.
	 * @param objects the entities, ids set
	 * @param fields the fields to write: basic fields or foreign keys, not the id
	 * @return a future of the number of rows matched
	 * @throws InvalidLookupException if a field is unknown
	 * @throws InvalidDataAccessApiUsageException if no field is given, a field is the id or not a
	 * column of the row, an object has no id or refers to an unsaved related object, or the
	 * queryset is sliced
	 */
	CompletableFuture<Long> bulkUpdate(List<T> objects, String... fields);

	/**
	 * Writes the given fields of the objects to their rows, at most {@code batchSize} rows per
	 * {@code UPDATE} statement.
	 * @param objects the entities, ids set
	 * @param fields the fields to write
	 * @param batchSize the number of rows per statement
	 * @return a future of the number of rows matched
	 * @throws InvalidDataAccessApiUsageException if {@code batchSize} is not positive, or as
	 * {@link #bulkUpdate(List, String...)} describes
	 * @see #bulkUpdate(List, String...)
	 */
	CompletableFuture<Long> bulkUpdate(List<T> objects, List<String> fields, int batchSize);

}
