package dev.asyncorm.benchmarks.harness;

import java.time.Duration;

/**
 * The time of one cell: callers run from now, operations starting at or after
 * {@code measureStart} are counted, and none starts at or after {@code end}.
 *
 * @param measureStart when the warm-up ends, in {@link System#nanoTime()}
 * @param end when callers stop starting operations, in {@link System#nanoTime()}
 */
public record Window(long measureStart, long end) {

	/**
	 * A window whose warm-up starts now.
	 * @param warmup how long operations run unmeasured
	 * @param measure how long operations are measured
	 * @return the window
	 */
	public static Window startingNow(Duration warmup, Duration measure) {
		long measureStart = System.nanoTime() + warmup.toNanos();
		return new Window(measureStart, measureStart + measure.toNanos());
	}

	/**
	 * Whether callers may still start operations.
	 * @param now the time, in {@link System#nanoTime()}
	 * @return whether the window is open
	 */
	public boolean isOpen(long now) {
		return now < this.end;
	}

	/**
	 * Whether an operation started at the given time counts towards throughput.
	 * @param start the time, in {@link System#nanoTime()}
	 * @return whether it is measured
	 */
	public boolean measures(long start) {
		return start >= this.measureStart;
	}

}
