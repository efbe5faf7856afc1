/**
 * The load drivers: workloads, caller styles, measurement windows and statistics.
 */
@NullMarked
package dev.asyncorm.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
