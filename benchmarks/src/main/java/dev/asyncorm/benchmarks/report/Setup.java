package dev.asyncorm.benchmarks.report;

import java.time.OffsetDateTime;

import dev.asyncorm.benchmarks.harness.Timing;

/**
 * How the run was set up, for the report's header.
 *
 * @param poolSize the connection pool's size, shared by every contender
 * @param asyncOrmThreads the threads of async-orm's executor
 * @param springAsyncThreads the threads of the executor behind {@code @Async}
 * @param timing the durations of each cell
 * @param startedAt when the run started
 */
public record Setup(int poolSize, int asyncOrmThreads, int springAsyncThreads, Timing timing,
		OffsetDateTime startedAt) {

}
