package dev.asyncorm.benchmarks.harness;

import java.util.List;

/**
 * A row of the report: one workload at one number of concurrent callers.
 *
 * @param workload the workload
 * @param callers the number of callers, C
 */
public record Row(Workload workload, int callers) {

	/** Every row, in the report's order. */
	public static final List<Row> ALL = List.of(new Row(Workload.GET, 1), new Row(Workload.GET, 16),
			new Row(Workload.GET, 256), new Row(Workload.FILTER, 16), new Row(Workload.FILTER, 256),
			new Row(Workload.INSERT, 16), new Row(Workload.INSERT, 256), new Row(Workload.M2M, 16),
			new Row(Workload.M2M, 256), new Row(Workload.BULK, 1), new Row(Workload.STREAM, 1));

}
