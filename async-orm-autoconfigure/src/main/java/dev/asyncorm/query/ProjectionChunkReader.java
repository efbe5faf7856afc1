package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a chunk of projected rows ({@code values}, {@code valuesList}, {@code as}) for a keyset
 * iteration: the projection's columns and, after them, the fields of the keyset order, which
 * give the key of the last row and are not part of the rows returned.
 *
 * @param <T> the entity type
 * @param <R> the row type
 */
final class ProjectionChunkReader<T, R> implements KeysetCursor.ChunkReader<T, R> {

	private final ModelRuntime<T> runtime;

	private final KeysetOrder<T> order;

	private final int width;

	private final List<Column> columns;

	private final Function<Object[], R> mapper;

	ProjectionChunkReader(ModelRuntime<T> runtime, KeysetOrder<T> order, List<Column> columns,
			Function<Object[], R> mapper) {
		this.runtime = runtime;
		this.order = order;
		this.width = columns.size();
		List<Column> selected = new ArrayList<>(columns);
		order.keyNames().forEach((name) -> selected.add(Column.field(name, runtime.compiler.field(name))));
		this.columns = List.copyOf(selected);
		this.mapper = mapper;
	}

	@Override
	public KeysetCursor.Chunk<R> read(QuerySpec<T> rows, int offset, int limit) {
		List<Object[]> values = this.runtime.jpa
			.read((em) -> this.runtime.queries.project(em, rows, this.columns, this.order.terms(), offset, limit));
		if (values.isEmpty()) {
			return new KeysetCursor.Chunk<>(List.of(), null);
		}
		List<R> chunk = values.stream().map((row) -> this.mapper.apply(Arrays.copyOfRange(row, 0, this.width))).toList();
		Object[] last = values.get(values.size() - 1);
		return new KeysetCursor.Chunk<>(chunk, Arrays.copyOfRange(last, this.width, last.length));
	}

}
