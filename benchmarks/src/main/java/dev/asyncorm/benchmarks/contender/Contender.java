package dev.asyncorm.benchmarks.contender;

import java.util.concurrent.CompletableFuture;

import dev.asyncorm.benchmarks.model.Dataset;

/**
 * One system measured: the same operations, each returning a future. A {@link #blocking()}
 * contender does the work on the calling thread and returns a completed future; the others return
 * at once and complete on a thread of their own.
 */
public interface Contender {

	/**
	 * The name the report's column has.
	 * @return the name
	 */
	String name();

	/**
	 * Whether the operations run on the calling thread, so that callers that must not block hand
	 * them to a thread pool.
	 * @return whether the contender blocks
	 */
	boolean blocking();

	/**
	 * Reads what the operations need besides ids, once the data is seeded.
	 * @param dataset the seeded data
	 */
	default void prepare(Dataset dataset) {
	}

	/**
	 * Reads one item by id.
	 * @param id the id
	 * @return the item
	 */
	CompletableFuture<?> getById(long id);

	/**
	 * Reads the first 20 items, by name, whose name starts with the prefix.
	 * @param prefix the prefix
	 * @return the items
	 */
	CompletableFuture<?> filterByPrefix(String prefix);

	/**
	 * Inserts one item.
	 * @param name its name
	 * @return the item, with its id
	 */
	CompletableFuture<?> insert(String name);

	/**
	 * Replaces all the tags of a post.
	 * @param postId the post
	 * @param tagIds its new tags, none of which it has
	 * @return done when the change is committed
	 */
	CompletableFuture<?> replaceTags(long postId, long[] tagIds);

	/**
	 * Inserts new items in one go, each with its id set afterwards.
	 * @param count how many
	 * @return done when they are committed
	 */
	CompletableFuture<?> bulkInsert(int count);

	/**
	 * Reads every item by id order into the sink, without holding them all in memory.
	 * @param sink where the items go
	 * @return done when the last item went into the sink
	 */
	CompletableFuture<?> stream(RowSink sink);

}
