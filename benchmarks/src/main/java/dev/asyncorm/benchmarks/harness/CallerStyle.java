package dev.asyncorm.benchmarks.harness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How callers drive a contender: each caller runs operations in a closed loop, the next one
 * after the previous one completed, until the window ends.
 */
public abstract sealed class CallerStyle permits BlockingCallers, ChainedCallers {

	/**
	 * The key of the style in {@code bench.only}, and the title of its section.
	 * @return the name
	 */
	public abstract String name();

	/**
	 * A sentence saying how the callers call.
	 * @return the description
	 */
	public abstract String description();

	/**
	 * Whether callers share threads, so that some may be served less than others.
	 * @return whether threads are shared
	 */
	public abstract boolean sharesThreads();

	/**
	 * Runs one caller per operation supplier until the window ends, then waits for them.
	 * @param operations each caller's operation: every call starts one
	 * @param blocking whether the operations do their work on the calling thread
	 * @param window when to measure and when to stop
	 * @param grace how long to wait for the callers after the window
	 * @return what the callers measured
	 */
	abstract CallerRun run(List<Supplier<CompletableFuture<?>>> operations, boolean blocking, Window window,
			Duration grace);

}
