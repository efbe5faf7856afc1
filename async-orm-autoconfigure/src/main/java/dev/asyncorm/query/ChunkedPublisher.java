package dev.asyncorm.query;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A {@link Flow.Publisher} of rows read chunk by chunk: every subscription reads its own chunks
 * from a new {@link Source}, one at a time, and only when its subscriber has requested more rows
 * than it was sent.
 *
 * @param <T> the row type
 */
final class ChunkedPublisher<T> implements Flow.Publisher<T> {

	private final Supplier<Source<T>> sources;

	ChunkedPublisher(Supplier<Source<T>> sources) {
		this.sources = sources;
	}

	@Override
	public void subscribe(Flow.Subscriber<? super T> subscriber) {
		Objects.requireNonNull(subscriber, "subscriber");
		ChunkedSubscription<T> subscription = new ChunkedSubscription<>(subscriber, this.sources.get());
		try {
			subscriber.onSubscribe(subscription);
		}
		catch (RuntimeException | Error ex) {
			subscription.cancel();
			throw ex;
		}
		// Completes at once when there is nothing to read, requested or not (none(), an empty slice).
		subscription.drain();
	}

	/**
	 * Where one subscription's chunks come from.
	 *
	 * @param <T> the row type
	 */
	interface Source<T> {

		/**
		 * Tells whether every row has been read; asked only while no chunk is being read.
		 * @return whether there is no chunk left
		 */
		boolean exhausted();

		/**
		 * Starts reading the next chunk.
		 * @return a future of its rows
		 */
		CompletableFuture<List<T>> next();

	}

}
