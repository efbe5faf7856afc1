package dev.asyncorm.benchmarks.harness;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What one caller measured. Operations that started in the window count towards throughput; the
 * latency of every operation still running when measuring starts is recorded, so that an
 * operation kept waiting since the warm-up shows in the percentiles. Written by one caller at a
 * time (a thread, or a chain of callbacks each of which happens after the previous one) and read
 * once the caller has stopped.
 */
final class CallerStats {

	/** Latencies above a minute are recorded as a minute: a cell is meant to take seconds. */
	private static final long HIGHEST_LATENCY = TimeUnit.MINUTES.toNanos(1);

	private final Window window;

	private final Histogram latencies = histogram();

	private long operations;

	private long errors;

	private long firstStart = Long.MAX_VALUE;

	private long lastEnd = Long.MIN_VALUE;

	private @Nullable Throwable firstError;

	CallerStats(Window window) {
		this.window = window;
	}

	void record(long start, long end, @Nullable Throwable failure) {
		if (end < this.window.measureStart()) {
			return;
		}
		if (failure == null) {
			this.latencies.recordValue(Math.min(end - start, HIGHEST_LATENCY));
		}
		if (!this.window.measures(start)) {
			return;
		}
		this.firstStart = Math.min(this.firstStart, start);
		this.lastEnd = Math.max(this.lastEnd, end);
		if (failure != null) {
			this.errors++;
			if (this.firstError == null) {
				this.firstError = failure;
			}
		}
		else {
			this.operations++;
		}
	}

	/** Two significant digits: a p99 to 1% is plenty, and 256 callers' histograms stay small. */
	static Histogram histogram() {
		return new Histogram(HIGHEST_LATENCY, 2);
	}

	Histogram latencies() {
		return this.latencies;
	}

	long operations() {
		return this.operations;
	}

	long errors() {
		return this.errors;
	}

	long firstStart() {
		return this.firstStart;
	}

	long lastEnd() {
		return this.lastEnd;
	}

	@Nullable Throwable firstError() {
		return this.firstError;
	}

}
