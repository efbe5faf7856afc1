package dev.asyncorm.query;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The subscription of a {@link ChunkedPublisher}: sends the rows of the chunk at hand as far as
 * the demand goes, and reads the next chunk once they are all sent and demand remains. A single
 * drain loop at a time sends every signal, so signals never overlap (Reactive Streams rule 1.3),
 * and a {@code request} from inside {@code onNext} becomes one more round of the running loop
 * rather than a recursion (rule 3.3).
 *
 * @param <T> the row type
 */
final class ChunkedSubscription<T> implements Flow.Subscription {

	private final Flow.Subscriber<? super T> subscriber;

	private final ChunkedPublisher.Source<T> source;

	private final AtomicInteger workInProgress = new AtomicInteger();

	private final AtomicLong requested = new AtomicLong();

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	private volatile boolean cancelled;

	private volatile @Nullable List<T> arrived;

	private volatile @Nullable CompletableFuture<List<T>> reading;

	/** The rows of the current chunk not sent yet; used by the drain loop only. */
	private Iterator<T> rows = Collections.emptyIterator();

	/** Whether a chunk is being read; used by the drain loop only. */
	private boolean fetching;

	ChunkedSubscription(Flow.Subscriber<? super T> subscriber, ChunkedPublisher.Source<T> source) {
		this.subscriber = subscriber;
		this.source = source;
	}

	@Override
	public void request(long n) {
		if (n <= 0) {
			this.failure.compareAndSet(null,
					new IllegalArgumentException("Reactive Streams rule 3.9: request(" + n + ") must be positive"));
		}
		else {
			// Demand adds up to Long.MAX_VALUE at most, which means unbounded (rule 3.17).
			this.requested.accumulateAndGet(n,
					(current, added) -> (current + added < 0) ? Long.MAX_VALUE : current + added);
		}
		drain();
	}

	@Override
	public void cancel() {
		this.cancelled = true;
		drain();
	}

	/** Runs the drain loop, or has the running one go round once more. */
	void drain() {
		if (this.workInProgress.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		while (!round()) {
			missed = this.workInProgress.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
		// Over: the counter stays above zero, so no loop ever runs again.
	}

	/** One round of the drain loop; returns whether the subscription is over. */
	private boolean round() {
		if (this.cancelled) {
			return end();
		}
		Throwable error = this.failure.get();
		if (error != null) {
			end();
			this.subscriber.onError(error);
			return true;
		}
		List<T> chunk = this.arrived;
		if (chunk != null) {
			this.arrived = null;
			this.reading = null;
			this.fetching = false;
			this.rows = chunk.iterator();
		}
		long demand = this.requested.get();
		long sent = 0;
		while (sent < demand && this.rows.hasNext() && !this.cancelled && this.failure.get() == null) {
			try {
				this.subscriber.onNext(this.rows.next());
			}
			catch (Throwable ex) {
				// Rule 2.13: the subscription counts as cancelled; tell the subscriber why it ended.
				end();
				this.subscriber.onError(ex);
				return true;
			}
			sent++;
		}
		if (sent > 0 && demand != Long.MAX_VALUE) {
			this.requested.addAndGet(-sent);
		}
		if (this.cancelled || this.failure.get() != null) {
			// Whoever cancelled or failed the subscription has asked for the round that ends it.
			return false;
		}
		if (this.rows.hasNext() || this.fetching) {
			// Waiting for demand, or for the chunk being read.
			return false;
		}
		if (this.source.exhausted()) {
			end();
			this.subscriber.onComplete();
			return true;
		}
		if (this.requested.get() > 0) {
			this.fetching = true;
			read();
		}
		return false;
	}

	private void read() {
		CompletableFuture<List<T>> reading = this.source.next();
		this.reading = reading;
		reading.whenComplete((chunk, ex) -> {
			if (ex != null) {
				this.failure.compareAndSet(null, (ex instanceof CompletionException && ex.getCause() != null)
						? ex.getCause() : ex);
			}
			else {
				this.arrived = chunk;
			}
			drain();
		});
	}

	/** Stops reading: a chunk read that has not started yet never will, and unsent rows are let go. */
	private boolean end() {
		this.cancelled = true;
		CompletableFuture<List<T>> reading = this.reading;
		if (reading != null) {
			reading.cancel(false);
		}
		this.rows = Collections.emptyIterator();
		this.arrived = null;
		return true;
	}

}
