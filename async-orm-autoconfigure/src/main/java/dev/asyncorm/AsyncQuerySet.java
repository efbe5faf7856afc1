package dev.asyncorm;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * An immutable, lazy Django {@code QuerySet}: building methods return a new queryset and do no
 * I/O; each terminal method runs its own query on the {@code asyncOrmExecutor} (there is no
 * result cache, so a {@code count()} after an insert sees the insert).
 *
 * @param <T> the entity type
 * @since 0.1.0
 * @see AsyncQueryOperations
 */
public interface AsyncQuerySet<T> extends AsyncQueryOperations<T> {

	/**
	 * Updates every matching row with one {@code UPDATE} statement, Django's {@code aupdate}. Values
	 * may be {@link F} expressions ({@code F.of("stock").plus(1)}). Runs in its own transaction.
	 * @param values the fields to set and their values
	 * @return a future of the number of rows matched
	 * @throws InvalidLookupException if a field is unknown
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<Long> update(Map<String, ?> values);

	/**
	 * Deletes every matching row, cascading as {@code EntityManager.remove} does, Django's
	 * {@code adelete}. One {@code DELETE} statement when the model has no cascades and no
	 * collections; otherwise the rows are loaded and removed one by one, in one transaction.
	 * @return a future of the rows deleted, per model
	 * @throws InvalidDataAccessApiUsageException if the queryset is sliced
	 */
	CompletableFuture<DeleteResult> delete();

	/**
	 * Streams the rows with back-pressure, read in chunks of {@code async-orm.iterator.chunk-size}
	 * rows (2000 unless configured), Django's {@code aiterator()}. A repository has no
	 * {@code iterator()} of its own: call {@code all().iterator()}. Spring Data takes a repository
	 * with a method returning a {@code Flow.Publisher} for a reactive one, and refuses to start
	 * it, whenever Project Reactor is on the class path.
	 * @return a publisher of the detached entities (or projected rows), in order
	 * @throws InvalidDataAccessApiUsageException if the order cannot be read by keyset, or the
	 * projected rows are not one per model row
	 * @see #iterator(int)
	 */
	Flow.Publisher<T> iterator();

	/**
	 * Streams the rows with back-pressure, read in keyset-ordered chunks of {@code chunkSize}
	 * rows, Django's {@code aiterator(chunk_size=…)}.
	 * <p>
	 * Nothing is read before the subscriber requests rows, and each subscription runs its own
	 * queries, as iterating a lazy queryset again does. Each chunk is one query for the rows after
	 * the last one sent ({@code WHERE (order…, pk) > (…) ORDER BY … LIMIT chunkSize}), run as a
	 * short read on the {@code asyncOrmExecutor} (autocommit, or the transaction of
	 * {@link AsyncOrm#atomic} when read there), and only once the subscriber has requested more
	 * rows than it was sent: between chunks no connection, transaction or thread is held, however
	 * slowly the subscriber requests. Cancelling the subscription stops the reading.
	 * <p>
	 * Rows come in the order of {@link #list()}: the explicit order of {@link #orderBy}, else the
	 * model's default ordering, with the primary key as tie-breaker, or by primary key when there
	 * is no order. A keyset
	 * needs a total order, so an iteration is ordered by basic fields, of the model or across
	 * to-one relations ({@code orderBy("box__name", "name")}: each chunk's statement also selects
	 * the joined values, and the next chunk starts after the last row's values and primary key,
	 * with {@code NULL}s, a missing related row included, where the database sorts them). An
	 * order no keyset can follow, whose rows repeat (across a collection, of an ordered or
	 * sliced {@code unionAll()} of entities, a slice of rows a filter across a collection
	 * repeats), is read in windows of that order instead
	 * ({@code OFFSET}, the primary key breaking ties), as {@code list()} reads slices: the heap
	 * stays flat, each chunk has the database skip the rows before it, and rows written meanwhile
	 * can shift the windows. A sliced queryset streams its window only; {@link #none()} completes
	 * at once; an unordered {@code unionAll()} streams each of its querysets in turn.
	 * <p>
	 * The rows of {@code values(...)}, {@code valuesList(...)} and {@code as(...)} stream the same
	 * way: each chunk selects the projected columns and the fields of the keyset order, which
	 * stay out of the rows. Such rows must be one per model row, so the groups of
	 * {@code values(...).annotate(...)}, {@code distinct()} rows and fields across a multi-valued
	 * relation are refused. Entities get the relations of {@link #prefetchRelated} loaded chunk by
	 * chunk, with one more query per relation per chunk (Django 5.0's {@code aiterator()}).
	 * <p>
	 * {@code onNext} runs on the executor thread that read the chunk, once its connection was
	 * returned, or on the thread calling {@code request} while rows of the chunk wait; signals
	 * never overlap. Each chunk is read by an operation of its own, queued behind the operations
	 * other callers submitted meanwhile, even when the subscriber requests from inside
	 * {@code onNext}; slow work in {@code onNext} holds the thread (not a connection), so hand it
	 * to another executor. A failed read ends the stream with {@code onError} and a
	 * {@code DataAccessException} ({@code TaskRejectedException} when the executor's queue is
	 * full), {@code request(n)} with {@code n <= 0} with an {@link IllegalArgumentException}.
	 * @param chunkSize the number of rows per query
	 * @return a publisher of the detached entities (or projected rows), in order
	 * @throws InvalidDataAccessApiUsageException if {@code chunkSize} is not positive, the order
	 * is random ({@code "?"}) or by an annotation, the projected rows are not one per model row,
	 * or they are those of an ordered or sliced {@code unionAll()}
	 */
	Flow.Publisher<T> iterator(int chunkSize);

}
