package dev.asyncorm.benchmarks.harness;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import dev.asyncorm.benchmarks.contender.Contender;
import dev.asyncorm.benchmarks.model.Dataset;

/**
 * Runs rows of cells: within a row the contenders run one after the other on the same data, so
 * that their figures are comparable whatever the machine does in between.
 */
public final class Benchmark {

	private final List<Contender> contenders;

	private final Fixture fixture;

	private final Timing timing;

	private final Runnable afterWrites;

	private final CellListener listener;

	/**
	 * A benchmark of the contenders on seeded data.
	 * @param contenders the contenders, the reference first
	 * @param dataset the seeded data
	 * @param timing the durations of each cell
	 * @param afterWrites removes what a cell of a writing workload added
	 * @param listener told of each cell
	 */
	public Benchmark(List<Contender> contenders, Dataset dataset, Timing timing, Runnable afterWrites,
			CellListener listener) {
		this.contenders = contenders;
		this.fixture = new Fixture(dataset);
		this.timing = timing;
		this.afterWrites = afterWrites;
		this.listener = listener;
	}

	/**
	 * Runs the rows with the given callers.
	 * @param style the callers
	 * @param rows the rows
	 * @return each row's cells
	 */
	public List<RowResult> run(CallerStyle style, List<Row> rows) {
		return rows.stream()
			.map((row) -> new RowResult(row, this.contenders.stream().map((c) -> cell(style, row, c)).toList()))
			.toList();
	}

	private Measurement cell(CallerStyle style, Row row, Contender contender) {
		List<Supplier<CompletableFuture<?>>> operations = IntStream.range(0, row.callers())
			.<Supplier<CompletableFuture<?>>>mapToObj(
					(caller) -> row.workload().operation(contender, this.fixture, caller, row.callers()))
			.toList();
		// Collect the previous cell's garbage now rather than in this cell's time.
		System.gc();
		Window window = Window.startingNow(this.timing.warmup(), this.timing.measure());
		CallerRun run = style.run(operations, contender.blocking(), window, this.timing.grace());
		Measurement measurement = Measurement.of(contender.name(), row.workload(), run);
		if (row.workload() == Workload.STREAM) {
			measurement = measurement.withHeapKept(HeapProbe.keptWhileStreaming(contender));
		}
		if (row.workload().writesItems()) {
			this.afterWrites.run();
		}
		this.listener.measured(style, row, measurement);
		return measurement;
	}

}
