package dev.asyncorm.benchmarks.harness;

/**
 * Told of each cell as soon as it is measured, so that a run of minutes shows progress.
 */
@FunctionalInterface
public interface CellListener {

	/**
	 * Called after each cell.
	 * @param style the caller style
	 * @param row the row
	 * @param measurement what the cell measured
	 */
	void measured(CallerStyle style, Row row, Measurement measurement);

}
