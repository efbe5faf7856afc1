package dev.asyncorm.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

/**
 * One iteration's position in a queryset: each chunk is one query for the rows after the last row
 * read, in {@link KeysetOrder}, submitted as a short read on the executor. Chunks are read one at
 * a time, so the fields are written by one read after another.
 *
 * @param <T> the entity type
 */
final class KeysetCursor<T> implements ChunkedPublisher.Source<T> {

	private final ModelRuntime<T> runtime;

	private final String operation;

	private final QuerySpec<T> spec;

	private final KeysetOrder<T> order;

	private final int chunkSize;

	private volatile @Nullable Object @Nullable [] lastKey;

	/** Rows of the slice not read yet, or {@code null} when the queryset is not limited. */
	private volatile @Nullable Integer remaining;

	private volatile boolean exhausted;

	KeysetCursor(ModelRuntime<T> runtime, String operation, QuerySpec<T> spec, KeysetOrder<T> order, int chunkSize) {
		this.runtime = runtime;
		this.operation = operation;
		this.spec = spec;
		this.order = order;
		this.chunkSize = chunkSize;
		this.remaining = spec.limit();
		this.exhausted = spec.empty() || Integer.valueOf(0).equals(spec.limit());
	}

	@Override
	public boolean exhausted() {
		return this.exhausted;
	}

	@Override
	public CompletableFuture<List<T>> next() {
		return this.runtime.submit(this.operation, () -> this.runtime.jpa.read(this::read));
	}

	private List<T> read(EntityManager em) {
		@Nullable Object[] after = this.lastKey;
		Integer remaining = this.remaining;
		// The slice's offset applies to the first chunk; later ones start after the last row read.
		QuerySpec<T> rows = (after != null) ? this.spec.where(this.order.after(after)) : this.spec;
		int offset = (after != null) ? 0 : this.spec.offset();
		int limit = (remaining != null) ? Math.min(this.chunkSize, remaining) : this.chunkSize;
		List<T> chunk;
		if (this.order.joined()) {
			List<CriteriaQueries.KeyedRow<T>> keyed = this.runtime.queries.keyedRows(em, rows, this.order.terms(), offset,
					limit);
			chunk = keyed.stream().map(CriteriaQueries.KeyedRow::row).toList();
			if (!keyed.isEmpty()) {
				this.lastKey = keyed.get(keyed.size() - 1).key();
			}
		}
		else {
			chunk = this.runtime.queries.rows(em, rows, this.order.terms(), offset, limit);
			if (!chunk.isEmpty()) {
				this.lastKey = this.order.keyOf(chunk.get(chunk.size() - 1));
			}
		}
		if (remaining != null) {
			this.remaining = remaining - chunk.size();
		}
		this.exhausted = chunk.size() < limit || Integer.valueOf(chunk.size()).equals(remaining);
		return chunk;
	}

}
