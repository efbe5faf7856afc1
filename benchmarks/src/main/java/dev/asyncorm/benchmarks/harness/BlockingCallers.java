package dev.asyncorm.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Callers that are platform threads, each calling and joining in a loop: a servlet application's
 * request threads.
 */
public final class BlockingCallers extends CallerStyle {

	@Override
	public String name() {
		return "blocking";
	}

	@Override
	public String description() {
		return "C platform threads, each calling an operation and join()ing it in a loop.";
	}

	@Override
	public boolean sharesThreads() {
		return false;
	}

	@Override
	CallerRun run(List<Supplier<CompletableFuture<?>>> operations, boolean blocking, Window window, Duration grace) {
		List<CallerStats> stats = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (Supplier<CompletableFuture<?>> operation : operations) {
			CallerStats caller = new CallerStats(window);
			// Daemon threads: a caller stuck past the grace period must not keep the JVM alive.
			Thread thread = new Thread(() -> loop(operation, caller, window), "bench-caller-" + threads.size());
			thread.setDaemon(true);
			stats.add(caller);
			threads.add(thread);
		}
		threads.forEach(Thread::start);
		return new CallerRun(stats, awaitAll(threads, window.end() + grace.toNanos()));
	}

	private static void loop(Supplier<CompletableFuture<?>> operation, CallerStats stats, Window window) {
		for (long start = System.nanoTime(); window.isOpen(start); start = System.nanoTime()) {
			@Nullable Throwable failure = null;
			try {
				operation.get().join();
			}
			catch (RuntimeException ex) {
				failure = Failures.cause(ex);
			}
			stats.record(start, System.nanoTime(), failure);
		}
	}

	private static boolean awaitAll(List<Thread> threads, long deadline) {
		try {
			for (Thread thread : threads) {
				long wait = deadline - System.nanoTime();
				if (wait > 0) {
					thread.join(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return threads.stream().noneMatch(Thread::isAlive);
	}

}
