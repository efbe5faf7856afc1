package dev.asyncorm.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.execution.Route;
import org.jspecify.annotations.Nullable;

/**
 * One iteration's position in rows that no keyset can follow: an order across a collection,
 * which repeats each row once per related row, or an ordered or sliced {@code unionAll()}, whose
 * rows repeat. Each chunk is the next window of the queryset's order ({@code OFFSET}), the
 * primary key breaking ties, so that the windows of one order neither overlap nor leave gaps;
 * rows that tie on every term are copies of one row, which may come in any order. The heap
 * stays flat, but each chunk has the database skip the rows before it, and rows written by
 * others between two chunks can shift the windows: a keyset iteration is cheaper and steadier
 * where its order allows one.
 *
 * @param <R> the row type
 */
final class OffsetCursor<R> implements ChunkedPublisher.Source<R> {

	/**
	 * Reads one window of the queryset's rows in its order.
	 *
	 * @param <R> the row type
	 */
	interface WindowReader<R> {

		/**
		 * Reads the rows from {@code offset}, at most {@code limit}.
		 * @param offset the rows to skip
		 * @param limit the most rows to read
		 * @return the rows
		 */
		List<R> read(int offset, int limit);

	}

	private final ModelRuntime<?> runtime;

	/** Where each window is read. */
	private final Route route;

	private final String operation;

	private final WindowReader<R> reader;

	private final ChunkBudget budget;

	private volatile int offset;

	OffsetCursor(ModelRuntime<?> runtime, Route route, String operation, WindowReader<R> reader, int offset,
			@Nullable Integer limit, int chunkSize) {
		this.runtime = runtime;
		this.route = route;
		this.operation = operation;
		this.reader = reader;
		this.offset = offset;
		this.budget = new ChunkBudget(chunkSize, limit, false);
	}

	@Override
	public boolean exhausted() {
		return this.budget.exhausted();
	}

	@Override
	public CompletableFuture<List<R>> next() {
		return this.runtime.submit(this.route, this.operation, this::read);
	}

	private List<R> read() {
		int limit = this.budget.nextLimit();
		List<R> chunk = this.reader.read(this.offset, limit);
		this.offset += chunk.size();
		this.budget.read(chunk.size(), limit);
		return chunk;
	}

}
