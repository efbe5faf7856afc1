package dev.asyncorm.benchmarks.harness;

import java.util.List;
import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One cell of the report: what one contender achieved in one row.
 *
 * @param contender the contender's name
 * @param operations the operations started in the window that succeeded
 * @param errors the operations started in the window that failed
 * @param unitsPerSecond successful operations, or rows, per second
 * @param p50Nanos the median latency of the operations that ended while measuring or after
 * @param p99Nanos the 99th percentile of the same latencies
 * @param fairness the fewest and most operations of one caller, over the mean
 * @param finished whether every caller stopped within the grace period
 * @param heapKeptBytes the heap a stream held halfway, over the heap before it, if probed
 * @param firstError the first failure, if any
 */
public record Measurement(String contender, long operations, long errors, double unitsPerSecond, long p50Nanos,
		long p99Nanos, Fairness fairness, boolean finished, @Nullable Long heapKeptBytes, @Nullable String firstError) {

	static Measurement of(String contender, Workload workload, CallerRun run) {
		List<CallerStats> callers = run.callers();
		Histogram latencies = CallerStats.histogram();
		long operations = 0;
		long errors = 0;
		long firstStart = Long.MAX_VALUE;
		long lastEnd = Long.MIN_VALUE;
		for (CallerStats caller : callers) {
			latencies.add(caller.latencies());
			operations += caller.operations();
			errors += caller.errors();
			firstStart = Math.min(firstStart, caller.firstStart());
			lastEnd = Math.max(lastEnd, caller.lastEnd());
		}
		// Over the span of the measured operations, not the window: an operation longer than the
		// warm-up starts late, and the last ones end after the window.
		double unitsPerSecond = (operations > 0)
				? operations * (double) workload.unitsPerOperation() * 1e9 / (lastEnd - firstStart) : 0;
		String firstError = callers.stream()
			.map(CallerStats::firstError)
			.filter(Objects::nonNull)
			.map(Throwable::toString)
			.findFirst()
			.orElse(null);
		return new Measurement(contender, operations, errors, unitsPerSecond, latencies.getValueAtPercentile(50),
				latencies.getValueAtPercentile(99), Fairness.of(callers), run.finished(), null, firstError);
	}

	Measurement withHeapKept(long bytes) {
		return new Measurement(this.contender, this.operations, this.errors, this.unitsPerSecond, this.p50Nanos,
				this.p99Nanos, this.fairness, this.finished, bytes, this.firstError);
	}

	/**
	 * How evenly the callers were served: the operations of the least and the most served caller,
	 * each over the mean (1.0 and 1.0 when every caller did as many).
	 *
	 * @param lowest the least served caller's share
	 * @param highest the most served caller's share
	 */
	public record Fairness(double lowest, double highest) {

		static Fairness of(List<CallerStats> callers) {
			double mean = callers.stream().mapToLong(CallerStats::operations).average().orElse(0);
			if (mean == 0) {
				return new Fairness(0, 0);
			}
			long fewest = callers.stream().mapToLong(CallerStats::operations).min().orElse(0);
			long most = callers.stream().mapToLong(CallerStats::operations).max().orElse(0);
			return new Fairness(fewest / mean, most / mean);
		}

	}

}
