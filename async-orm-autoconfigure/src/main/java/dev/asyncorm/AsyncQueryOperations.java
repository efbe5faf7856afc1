package dev.asyncorm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
 * {@link CompletableFuture} that completes on the {@code asyncOrmExecutor}: each runs in its own
 * transaction unless inside {@link AsyncOrm#atomic}, a single-statement read runs without one
 * (autocommit), entities come back detached, and failures complete the future exceptionally with
 * an exception of Spring's {@code DataAccessException} hierarchy.
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
	 * @param lookup the lookup, for example {@code "name__istartswith"} or {@code "pubDate__year__gte"}
	 * @param value the value, bound as a parameter
	 * @return a new queryset
	 * @throws InvalidLookupException if the field, transform or lookup is unknown
	 * @throws InvalidDataAccessApiUsageException if the value does not fit the lookup, or the queryset is sliced
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
	 * Returns the one row matching a lookup.
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
	 * Returns the row matching the lookups, creating it when there is none, Django's
	 * {@code aget_or_create}. The exact lookups (those without {@code __}) and the defaults give the
	 * new row's fields; a {@link java.util.function.Supplier} among the defaults is called only when
	 * creating. Safe under concurrency when the lookup is backed by a unique constraint: a caller
	 * that loses the race re-reads the winner's row in a fresh transaction.
	 * @param lookups lookups identifying the row
	 * @param defaults further fields of a new row
	 * @return a future of the row and whether it was created; fails with
	 * {@link MultipleObjectsReturnedException} when several rows match
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
	 * many-to-many relation is added after the rows exist, as in Django), a generated id already
	 * set, or an unsaved related object; if the options do not fit the database; or when called
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
