package dev.asyncorm.query;

import org.jspecify.annotations.Nullable;

/**
 * How many rows an iteration's next chunk may read, and whether it has read them all: chunks of
 * a given size, within the slice of the queryset if it has one. Chunks are read one at a time,
 * so the fields are written by one read after another.
 */
final class ChunkBudget {

	private final int chunkSize;

	/** Rows of the slice not read yet, or {@code null} when the queryset is not limited. */
	private volatile @Nullable Integer remaining;

	private volatile boolean exhausted;

	/**
	 * @param chunkSize the most rows per chunk
	 * @param limit the rows of the slice, or {@code null} when the queryset is not limited
	 * @param empty whether the queryset matches nothing
	 */
	ChunkBudget(int chunkSize, @Nullable Integer limit, boolean empty) {
		this.chunkSize = chunkSize;
		this.remaining = limit;
		this.exhausted = empty || Integer.valueOf(0).equals(limit);
	}

	/** Whether every row has been read. */
	boolean exhausted() {
		return this.exhausted;
	}

	/** The most rows the next chunk may read. */
	int nextLimit() {
		Integer remaining = this.remaining;
		return (remaining != null) ? Math.min(this.chunkSize, remaining) : this.chunkSize;
	}

	/** Counts the rows a chunk read with {@code limit} gave; a short chunk, or the slice's end, is the last. */
	void read(int rows, int limit) {
		Integer remaining = this.remaining;
		if (remaining != null) {
			this.remaining = remaining - rows;
		}
		this.exhausted = rows < limit || Integer.valueOf(rows).equals(remaining);
	}

}
