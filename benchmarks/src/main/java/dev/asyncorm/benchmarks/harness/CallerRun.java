package dev.asyncorm.benchmarks.harness;

import java.util.List;

/**
 * The callers' statistics after a cell.
 *
 * @param callers each caller's statistics
 * @param finished whether every caller stopped within the grace period after the window
 */
record CallerRun(List<CallerStats> callers, boolean finished) {

}
