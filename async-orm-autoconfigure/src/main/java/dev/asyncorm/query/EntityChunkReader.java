package dev.asyncorm.query;

import java.util.List;

import jakarta.persistence.EntityManager;

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
			KeysetCursor.Chunk<T> chunk = this.order.joined() ? readKeyed(em, rows, offset, limit)
					: read(em, rows, offset, limit);
			if (!chunk.rows().isEmpty()) {
				relations.forEach((relation) -> this.runtime.prefetch(em, rows, chunk.rows(), relation));
			}
			return chunk;
		});
	}

	private KeysetCursor.Chunk<T> read(EntityManager em, QuerySpec<T> rows, int offset, int limit) {
		List<T> chunk = this.runtime.queries.rows(em, rows, this.order.terms(), offset, limit);
		return new KeysetCursor.Chunk<>(chunk, chunk.isEmpty() ? null : this.order.keyOf(chunk.get(chunk.size() - 1)));
	}

	/**
	 * An order across relations is not in the entities: the statement selects the values it orders
	 * by beside each row, and the last row's are the key of the next chunk.
	 */
	private KeysetCursor.Chunk<T> readKeyed(EntityManager em, QuerySpec<T> rows, int offset, int limit) {
		List<CriteriaQueries.KeyedRow<T>> keyed = this.runtime.queries.keyedRows(em, rows, this.order.terms(), offset,
				limit);
		List<T> chunk = keyed.stream().map(CriteriaQueries.KeyedRow::row).toList();
		return new KeysetCursor.Chunk<>(chunk, keyed.isEmpty() ? null : keyed.get(keyed.size() - 1).key());
	}

}
