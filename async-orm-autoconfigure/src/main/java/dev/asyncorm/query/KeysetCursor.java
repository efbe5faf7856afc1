package dev.asyncorm.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One iteration's position in a queryset: each chunk is one query for the rows after the last row
 * read, in {@link KeysetOrder}, submitted as a short read on the executor. Chunks are read one at
 * a time, so the fields are written by one read after another.
 *
 * @param <T> the entity type
 * @param <R> the row type: the entity, or a projection of it
 */
final class KeysetCursor<T, R> implements ChunkedPublisher.Source<R> {

	/**
	 * Reads one chunk of rows, with the key of its last row.
	 *
	 * @param <T> the entity type
	 * @param <R> the row type
	 */
	interface ChunkReader<T, R> {

		/**
		 * Reads the rows of {@code rows} in the keyset order, from {@code offset}, at most {@code limit}.
		 * @param rows the queryset narrowed to the rows after the last one read
		 * @param offset the rows to skip
		 * @param limit the most rows to read
		 * @return the rows
		 */
		Chunk<R> read(QuerySpec<T> rows, int offset, int limit);

	}

	/**
	 * The rows of a chunk and the keyset values of its last row, {@code null} when it is empty.
	 *
	 * @param <R> the row type
	 */
	record Chunk<R>(List<R> rows, @Nullable Object @Nullable [] lastKey) {
	}

	private final ModelRuntime<T> runtime;

	private final String operation;

	private final QuerySpec<T> spec;

	private final KeysetOrder<T> order;

	private final ChunkReader<T, R> reader;

	private final ChunkBudget budget;

	private volatile @Nullable Object @Nullable [] lastKey;

	KeysetCursor(ModelRuntime<T> runtime, String operation, QuerySpec<T> spec, KeysetOrder<T> order,
			ChunkReader<T, R> reader, int chunkSize) {
		this.runtime = runtime;
		this.operation = operation;
		this.spec = spec;
		this.order = order;
		this.reader = reader;
		this.budget = new ChunkBudget(chunkSize, spec.limit(), spec.empty());
	}

	@Override
	public boolean exhausted() {
		return this.budget.exhausted();
	}

	@Override
	public CompletableFuture<List<R>> next() {
		return this.runtime.submit(this.runtime.read(this.spec.database()), this.operation, this::read);
	}

	private List<R> read() {
		@Nullable Object[] after = this.lastKey;
		// The slice's offset applies to the first chunk; later ones start after the last row read.
		QuerySpec<T> rows = (after != null) ? this.spec.where(this.order.after(after)) : this.spec;
		int offset = (after != null) ? 0 : this.spec.offset();
		int limit = this.budget.nextLimit();
		Chunk<R> read = this.reader.read(rows, offset, limit);
		List<R> chunk = read.rows();
		if (!chunk.isEmpty()) {
			this.lastKey = read.lastKey();
		}
		this.budget.read(chunk.size(), limit);
		return chunk;
	}

}
