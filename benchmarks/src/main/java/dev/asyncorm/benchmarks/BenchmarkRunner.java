package dev.asyncorm.benchmarks;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.asyncorm.benchmarks.contender.Contender;
import dev.asyncorm.benchmarks.harness.Benchmark;
import dev.asyncorm.benchmarks.harness.BlockingCallers;
import dev.asyncorm.benchmarks.harness.CallerStyle;
import dev.asyncorm.benchmarks.harness.ChainedCallers;
import dev.asyncorm.benchmarks.harness.Measurement;
import dev.asyncorm.benchmarks.harness.OverheadMeasurement;
import dev.asyncorm.benchmarks.harness.Row;
import dev.asyncorm.benchmarks.harness.Timing;
import dev.asyncorm.benchmarks.model.Dataset;
import dev.asyncorm.benchmarks.model.DatasetSeeder;
import dev.asyncorm.benchmarks.report.Environment;
import dev.asyncorm.benchmarks.report.Formats;
import dev.asyncorm.benchmarks.report.MarkdownReport;
import dev.asyncorm.benchmarks.report.ResultsFile;
import dev.asyncorm.benchmarks.report.Setup;
import dev.asyncorm.execution.VirtualThreadOperationExecutor;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Seeds the data, runs the selected rows in each selected caller style, and prints the report
 * and writes it to the results directory. Progress goes to standard error, the report to
 * standard output.
 */
@Component
class BenchmarkRunner implements ApplicationRunner {

	private final BenchmarkProperties properties;

	private final List<Contender> contenders;

	private final DatasetSeeder seeder;

	private final HikariDataSource dataSource;

	private final AsyncTaskExecutor asyncOrmExecutor;

	private final ThreadPoolTaskExecutor springAsyncExecutor;

	private final OverheadMeasurement overhead;

	BenchmarkRunner(BenchmarkProperties properties, List<Contender> contenders, DatasetSeeder seeder,
			HikariDataSource dataSource, @Qualifier("asyncOrmExecutor") AsyncTaskExecutor asyncOrmExecutor,
			@Qualifier("applicationTaskExecutor") ThreadPoolTaskExecutor springAsyncExecutor,
			OverheadMeasurement overhead) {
		this.properties = properties;
		this.contenders = contenders;
		this.seeder = seeder;
		this.dataSource = dataSource;
		this.asyncOrmExecutor = asyncOrmExecutor;
		this.springAsyncExecutor = springAsyncExecutor;
		this.overhead = overhead;
	}

	@Override
	public void run(ApplicationArguments args) {
		int poolSize = this.dataSource.getMaximumPoolSize();
		try (ChainedCallers chained = new ChainedCallers(poolSize)) {
			List<CallerStyle> styles = List.of(new BlockingCallers(), chained);
			// Read before seeding, so that a mistyped key fails at once.
			Selection selection = Selection.of(this.properties.only(), this.properties.database(),
					styles.stream().map(CallerStyle::name).toList());
			run(selection, styles, poolSize);
		}
	}

	private void run(Selection selection, List<CallerStyle> styles, int poolSize) {
		OffsetDateTime startedAt = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
		Dataset dataset = this.seeder.seed(this.properties.database());
		this.contenders.forEach((contender) -> contender.prepare(dataset));
		Timing timing = new Timing(this.properties.warmup(), this.properties.measure(), this.properties.grace());
		Environment environment = Environment.describe(this.dataSource);
		MarkdownReport report = new MarkdownReport(environment, new Setup(poolSize,
				concurrency(this.asyncOrmExecutor), this.springAsyncExecutor.getMaxPoolSize(), timing, startedAt));
		Benchmark benchmark = new Benchmark(this.contenders, dataset, timing,
				() -> this.seeder.removeWrites(dataset, this.properties.database()), this::progress);
		for (CallerStyle style : styles) {
			if (selection.styles().contains(style.name())) {
				report.section(style, benchmark.run(style, selection.rows()));
			}
		}
		if (selection.overhead()) {
			report.overhead(this.overhead.measure(dataset, this.properties.overheadIterations()),
					environment.database());
		}
		System.out.print(report.text());
		Path file = ResultsFile.write(this.properties.resultsDir(), this.properties.database().key(), startedAt,
				report.text());
		System.out.println();
		System.out.println("Written to " + file.toAbsolutePath().normalize());
	}

	private void progress(CallerStyle style, Row row, Measurement measurement) {
		System.err.printf("[%s] %s, C = %d, %s: %s, p50 %s, p99 %s%s%n", style.name(), row.workload().label(),
				row.callers(), measurement.contender(), Formats.throughput(measurement, row.workload()),
				Formats.millis(measurement.p50Nanos()), Formats.millis(measurement.p99Nanos()),
				(measurement.errors() > 0)
						? ", %d errors, first: %s".formatted(measurement.errors(), measurement.firstError()) : "");
	}

	/** How many operations async-orm's executor runs at once: its threads, or its virtual threads' limit. */
	private static int concurrency(AsyncTaskExecutor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			return pool.getMaxPoolSize();
		}
		return (executor instanceof VirtualThreadOperationExecutor virtual) ? virtual.concurrency() : -1;
	}

}
