package dev.asyncorm.benchmarks.harness;

import java.time.Duration;

/**
 * The durations of every cell.
 *
 * @param warmup how long callers run before measuring
 * @param measure how long callers are measured
 * @param grace how long callers may take to stop after the window
 */
public record Timing(Duration warmup, Duration measure, Duration grace) {

}
