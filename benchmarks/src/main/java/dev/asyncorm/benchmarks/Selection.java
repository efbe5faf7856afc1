package dev.asyncorm.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.asyncorm.benchmarks.harness.Row;
import dev.asyncorm.benchmarks.harness.Workload;
import dev.asyncorm.benchmarks.model.Database;

/**
 * What {@code bench.only} selects. Nothing named is everything; naming only styles runs every
 * workload in them; naming only workloads runs them in every style; {@code overhead} runs the
 * per-read measurement, which an empty selection runs on H2 only.
 *
 * @param rows the rows to run
 * @param styles the names of the caller styles to run
 * @param overhead whether to measure the per-read overhead
 */
record Selection(List<Row> rows, Set<String> styles, boolean overhead) {

	private static final String OVERHEAD = "overhead";

	/**
	 * Reads {@code bench.only}.
	 * @param only the keys named
	 * @param database the database of the run
	 * @param styles the names of every caller style
	 * @return the selection
	 * @throws IllegalArgumentException if a key is unknown, naming the known ones
	 */
	static Selection of(List<String> only, Database database, List<String> styles) {
		List<String> workloads = Arrays.stream(Workload.values()).map(Workload::key).toList();
		List<String> keys = Stream.of(workloads, styles, List.of(OVERHEAD)).flatMap(List::stream).toList();
		List<String> unknown = only.stream().filter((key) -> !keys.contains(key)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown bench.only %s; choose among %s".formatted(unknown, keys));
		}
		if (only.isEmpty()) {
			return new Selection(Row.ALL, Set.copyOf(styles), database == Database.H2);
		}
		Set<String> namedStyles = only.stream().filter(styles::contains).collect(Collectors.toSet());
		Set<String> namedWorkloads = only.stream().filter(workloads::contains).collect(Collectors.toSet());
		List<Row> rows = (namedWorkloads.isEmpty() && !namedStyles.isEmpty()) ? Row.ALL
				: Row.ALL.stream().filter((row) -> namedWorkloads.contains(row.workload().key())).toList();
		return new Selection(rows, namedStyles.isEmpty() ? Set.copyOf(styles) : namedStyles, only.contains(OVERHEAD));
	}

}
