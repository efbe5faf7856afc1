package dev.asyncorm.query;

import java.util.List;

/**
 * Reads a chunk of entities for a keyset iteration, then loads the relations the queryset
 * prefetches into them: one query per relation per chunk, as Django 5.0's {@code aiterator()} does.
 *
 * @param <T> the entity type
 */
final class EntityChunkReader<T> implements KeysetCursor.ChunkReader<T, T> {

	private final ModelRuntime<T> runtime;

	private final KeysetOrder<T> order;

	EntityChunkReader(ModelRuntime<T> runtime, KeysetOrder<T> order) {
		this.runtime = runtime;
		this.order = order;
	}

	@Override
	public KeysetCursor.Chunk<T> read(QuerySpec<T> rows, int offset, int limit) {
		List<String> relations = rows.prefetchRelated();
		return this.runtime.readRows(!relations.isEmpty(), (em) -> {
			List<T> chunk = this.runtime.queries.rows(em, rows, this.order.terms(), offset, limit);
			if (chunk.isEmpty()) {
				return new KeysetCursor.Chunk<>(chunk, null);
			}
			relations.forEach((relation) -> this.runtime.prefetch(em, rows, chunk, relation));
			return new KeysetCursor.Chunk<>(chunk, this.order.keyOf(chunk.get(chunk.size() - 1)));
		});
	}

}
