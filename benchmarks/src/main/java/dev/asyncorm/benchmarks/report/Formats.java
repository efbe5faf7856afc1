package dev.asyncorm.benchmarks.report;

import java.util.Locale;

import dev.asyncorm.benchmarks.harness.Measurement;
import dev.asyncorm.benchmarks.harness.Workload;

/**
 * How figures are written, the same in the report and in the progress lines.
 */
public final class Formats {

	private Formats() {
	}

	/**
	 * The throughput with its unit: {@code 12,345 ops/s} or {@code 1,234,567 rows/s}.
	 * @param measurement the measurement
	 * @param workload its workload
	 * @return the text
	 */
	public static String throughput(Measurement measurement, Workload workload) {
		return String.format(Locale.ROOT, "%,.0f %s", measurement.unitsPerSecond(),
				workload.countsRows() ? "rows/s" : "ops/s");
	}

	/**
	 * A latency in milliseconds, with two significant digits or more.
	 * @param nanos the latency in nanoseconds
	 * @return the text, such as {@code 0.52 ms} or {@code 41 ms}
	 */
	public static String millis(long nanos) {
		double millis = nanos / 1e6;
		String pattern = (millis < 1) ? "%.2f ms" : (millis < 10) ? "%.1f ms" : "%.0f ms";
		return String.format(Locale.ROOT, pattern, millis);
	}

	/**
	 * A size in mebibytes or gibibytes.
	 * @param bytes the size
	 * @return the text, such as {@code 12.3 MiB}
	 */
	public static String bytes(long bytes) {
		return (Math.abs(bytes) >= (1L << 30)) ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
				: String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
	}

	/**
	 * A ratio, such as {@code 0.85×}.
	 * @param ratio the ratio
	 * @return the text
	 */
	public static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2f×", ratio);
	}

}
