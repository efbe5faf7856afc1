package dev.asyncorm.benchmarks.harness;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One caller of the chained style: a loop carried by completion callbacks.
 */
final class ChainedCaller {

	private final Supplier<CompletableFuture<?>> operation;

	private final Window window;

	private final CallerStats stats;

	private final CompletableFuture<Void> stopped = new CompletableFuture<>();

	ChainedCaller(Supplier<CompletableFuture<?>> operation, Window window) {
		this.operation = operation;
		this.window = window;
		this.stats = new CallerStats(window);
	}

	void start() {
		next();
	}

	/**
	 * Starts operations until one completes later, which calls this again from its callback. An
	 * operation already complete is recorded here, in the loop, rather than in a callback run at
	 * once, so that the stack does not grow with the chain.
	 */
	private void next() {
		for (long start = System.nanoTime(); this.window.isOpen(start); start = System.nanoTime()) {
			CompletableFuture<?> pending = startOperation();
			if (!pending.isDone()) {
				long started = start;
				pending.whenComplete((result, failure) -> {
					record(started, failure);
					next();
				});
				return;
			}
			record(start, pending.handle((result, failure) -> failure).join());
		}
		this.stopped.complete(null);
	}

	private CompletableFuture<?> startOperation() {
		try {
			return this.operation.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void record(long start, @Nullable Throwable failure) {
		this.stats.record(start, System.nanoTime(), (failure != null) ? Failures.cause(failure) : null);
	}

	CompletableFuture<Void> stopped() {
		return this.stopped;
	}

	CallerStats stats() {
		return this.stats;
	}

}
