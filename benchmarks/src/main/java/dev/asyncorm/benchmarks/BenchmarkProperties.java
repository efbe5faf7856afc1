package dev.asyncorm.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.asyncorm.benchmarks.model.Database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The run's options, given as arguments: {@code --bench.database=postgres --bench.measure=10s}.
 *
 * @param database the database to run on
 * @param warmup how long each cell runs before it is measured
 * @param measure how long each cell is measured
 * @param grace how long callers may take to stop after a cell's window
 * @param only the workloads ({@code get}, {@code filter}, {@code insert}, {@code m2m}, {@code bulk},
 * {@code stream}), caller styles ({@code blocking}, {@code chained}) and {@code overhead} to run;
 * everything when empty (the overhead only on H2)
 * @param overheadIterations the reads of each way in the overhead measurement, warm-up and measured each
 * @param resultsDir where the report is written, relative to the module when run by Maven
 */
@ConfigurationProperties("bench")
public record BenchmarkProperties(@DefaultValue("h2") Database database, @DefaultValue("1s") Duration warmup,
		@DefaultValue("3s") Duration measure, @DefaultValue("30s") Duration grace, @DefaultValue List<String> only,
		@DefaultValue("200000") int overheadIterations, @DefaultValue("results") Path resultsDir) {

}
