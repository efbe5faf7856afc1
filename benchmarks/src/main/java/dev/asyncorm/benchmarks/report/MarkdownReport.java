package dev.asyncorm.benchmarks.report;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.asyncorm.benchmarks.harness.CallerStyle;
import dev.asyncorm.benchmarks.harness.Measurement;
import dev.asyncorm.benchmarks.harness.Overhead;
import dev.asyncorm.benchmarks.harness.RowResult;
import dev.asyncorm.benchmarks.harness.Workload;
import dev.asyncorm.benchmarks.model.Dataset;

/**
 * The report: a header saying what the figures were measured on, a table per caller style whose
 * first contender is the reference and the others its multiples, and the per-read overhead.
 */
public final class MarkdownReport {

	/** Callers sharing threads, this many or more, are where one caller may starve: their cells show it. */
	private static final int FAIRNESS_CALLERS = 256;

	private final StringBuilder text = new StringBuilder();

	/**
	 * A report that starts with its header.
	 * @param environment the machine and database
	 * @param setup how the run was set up
	 */
	public MarkdownReport(Environment environment, Setup setup) {
		line("# async-orm benchmarks: %s", environment.database());
		line("");
		line("- Machine: %d cores, %s memory, %s", environment.cores(),
				(environment.memoryBytes() >= 0) ? Formats.bytes(environment.memoryBytes()) : "unknown",
				environment.operatingSystem());
		line("- JVM: %s, max heap %s", environment.jvm(), Formats.bytes(environment.maxHeapBytes()));
		line("- Database: %s at `%s`", environment.database(), environment.url());
		line("- Pool: HikariCP, %d connections shared by every contender; async-orm's executor %d threads, "
				+ "`@Async`'s %d threads", setup.poolSize(), setup.asyncOrmThreads(), setup.springAsyncThreads());
		line("- Data: %,d items (ids read at random), %,d posts with %d of %d tags each", Dataset.ITEMS,
				Dataset.POSTS, Dataset.TAGS_PER_POST, Dataset.TAGS);
		line("- Cells: warm-up %s, measured %s, closed loop; the contenders of a row run one after the other; "
				+ "started %s", seconds(setup.timing().warmup().toMillis()),
				seconds(setup.timing().measure().toMillis()),
				setup.startedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		line("- Reading: the first contender's throughput, then each other's as a multiple of it (higher is "
				+ "better); p99 is the latency of one operation; fair is the fewest and most operations of one "
				+ "caller over the mean; heap is the heap used halfway through a stream over the heap used before it, "
				+ "each after a full collection");
	}

	/**
	 * Adds the table of one caller style.
	 * @param style the callers
	 * @param rows the rows, each with the same contenders
	 */
	public void section(CallerStyle style, List<RowResult> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<Measurement> first = rows.get(0).cells();
		line("");
		line("## %s callers", style.name());
		line("");
		line(style.description());
		line("");
		StringBuilder heading = new StringBuilder("| workload | C | " + first.get(0).contender() + " ops/s |");
		StringBuilder rule = new StringBuilder("|---|--:|--:|");
		first.stream().skip(1).forEach((cell) -> {
			heading.append(' ').append(cell.contender()).append(" |");
			rule.append("--:|");
		});
		line(heading.toString());
		line(rule.toString());
		List<String> failures = new ArrayList<>();
		for (RowResult row : rows) {
			Workload workload = row.row().workload();
			boolean fairness = style.sharesThreads() && row.row().callers() >= FAIRNESS_CALLERS;
			Measurement reference = row.cells().get(0);
			StringBuilder cells = new StringBuilder("| %s | %d |".formatted(workload.label(), row.row().callers()));
			for (Measurement cell : row.cells()) {
				String figure = (cell == reference) ? Formats.throughput(cell, workload) : ratio(cell, reference);
				cells.append(' ')
					.append((cell.operations() > 0) ? figure + " (" + details(cell, fairness) + ")" : "no result")
					.append(" |");
				if (cell.errors() > 0 || !cell.finished()) {
					failures.add(failure(cell, workload, row.row().callers()));
				}
			}
			line(cells.toString());
		}
		if (!failures.isEmpty()) {
			line("");
			failures.forEach((failure) -> line("- %s", failure));
		}
	}

	/**
	 * Adds the per-read overhead.
	 * @param overhead the microseconds per read of each way
	 * @param database the database it was measured on
	 */
	public void overhead(Overhead overhead, String database) {
		line("");
		line("## per-operation overhead");
		line("");
		line("One thread on %s, %,d reads of a random item by id after as many unmeasured; microseconds per read.",
				database, overhead.iterations());
		line("");
		line("| read by id | µs/op |");
		line("|---|--:|");
		line("| `JpaRepository.findById` | %s |", micros(overhead.findById()));
		line("| `EntityManager.find`, fresh `EntityManager` | %s |", micros(overhead.entityManagerFind()));
		line("| async-orm `get(\"pk\", id).join()` | %s (%+.2f µs, %s `findById`) |",
				micros(overhead.asyncOrmGet()), overhead.asyncOrmGet() - overhead.findById(),
				Formats.ratio(overhead.asyncOrmGet() / overhead.findById()));
	}

	/**
	 * The report so far.
	 * @return the Markdown text
	 */
	public String text() {
		return this.text.toString();
	}

	private static String ratio(Measurement cell, Measurement reference) {
		return (reference.unitsPerSecond() > 0) ? Formats.ratio(cell.unitsPerSecond() / reference.unitsPerSecond())
				: "n/a";
	}

	private static String failure(Measurement cell, Workload workload, int callers) {
		return "%s, %s, C = %d: %,d errors%s%s".formatted(cell.contender(), workload.label(), callers, cell.errors(),
				cell.finished() ? "" : ", callers still running after the grace period",
				(cell.firstError() != null) ? "; first: " + cell.firstError() : "");
	}

	private static String details(Measurement cell, boolean fairness) {
		List<String> details = new ArrayList<>();
		details.add("p99 " + Formats.millis(cell.p99Nanos()));
		if (fairness) {
			details.add(String.format(Locale.ROOT, "fair %.2f–%.2f", cell.fairness().lowest(),
					cell.fairness().highest()));
		}
		if (cell.heapKeptBytes() != null) {
			details.add("heap " + Formats.bytes(cell.heapKeptBytes()));
		}
		if (cell.errors() > 0) {
			details.add("%,d errors".formatted(cell.errors()));
		}
		return String.join(", ", details);
	}

	private static String micros(double micros) {
		return String.format(Locale.ROOT, "%.2f", micros);
	}

	private static String seconds(long millis) {
		return (millis % 1_000 == 0) ? (millis / 1_000) + "s" : String.format(Locale.ROOT, "%.1fs", millis / 1e3);
	}

	private void line(String format, Object... arguments) {
		this.text.append(String.format(Locale.ROOT, format, arguments)).append('\n');
	}

}
