package dev.asyncorm.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The chunks of several sources, one source after the other: an iteration of {@code unionAll()}
 * reads each of its querysets in turn. Chunks are read one at a time, so the position is written
 * by one read after another.
 *
 * @param <T> the row type
 */
final class SequentialSource<T> implements ChunkedPublisher.Source<T> {

	private final List<ChunkedPublisher.Source<T>> sources;

	private volatile int current;

	SequentialSource(List<? extends ChunkedPublisher.Source<T>> sources) {
		this.sources = List.copyOf(sources);
	}

	@Override
	public boolean exhausted() {
		int index = this.current;
		while (index < this.sources.size() && this.sources.get(index).exhausted()) {
			index++;
		}
		this.current = index;
		return index == this.sources.size();
	}

	@Override
	public CompletableFuture<List<T>> next() {
		return this.sources.get(this.current).next();
	}

}
