package dev.asyncorm.benchmarks.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Callers without threads of their own, each starting its next operation from the completion
 * callback of the previous one, as a WebFlux pipeline does. Blocking contenders get the fixed
 * pool a reactive application would hand blocking calls to, so that no caller ever blocks.
 */
public final class ChainedCallers extends CallerStyle implements AutoCloseable {

	private final int poolSize;

	private final ExecutorService pool;

	/**
	 * Callers whose blocking operations run on a pool of the given size.
	 * @param poolSize the pool's size: the connection pool's, so that it never limits more
	 */
	public ChainedCallers(int poolSize) {
		this.poolSize = poolSize;
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(poolSize, (task) -> {
			Thread thread = new Thread(task, "bench-blocking-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public String name() {
		return "chained";
	}

	@Override
	public String description() {
		return "C callers without threads, each starting its next operation from the completion callback of the "
				+ "previous one (thenCompose); jdbc and spring-data calls run on a fixed pool of " + this.poolSize
				+ " threads.";
	}

	@Override
	public boolean sharesThreads() {
		return true;
	}

	@Override
	CallerRun run(List<Supplier<CompletableFuture<?>>> operations, boolean blocking, Window window, Duration grace) {
		List<ChainedCaller> callers = operations.stream()
			.map((operation) -> new ChainedCaller(blocking ? offloaded(operation) : operation, window))
			.toList();
		callers.forEach(ChainedCaller::start);
		CompletableFuture<?> all = CompletableFuture
			.allOf(callers.stream().map(ChainedCaller::stopped).toArray(CompletableFuture[]::new));
		return new CallerRun(callers.stream().map(ChainedCaller::stats).toList(),
				await(all, window.end() + grace.toNanos()));
	}

	private Supplier<CompletableFuture<?>> offloaded(Supplier<CompletableFuture<?>> operation) {
		return () -> CompletableFuture.supplyAsync(operation, this.pool)
			.thenCompose((pending) -> pending.thenApply((result) -> (Object) result));
	}

	private static boolean await(CompletableFuture<?> all, long deadline) {
		try {
			all.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A caller failed outside its operations", ex.getCause());
		}
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
