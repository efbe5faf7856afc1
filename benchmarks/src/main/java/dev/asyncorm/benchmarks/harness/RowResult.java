package dev.asyncorm.benchmarks.harness;

import java.util.List;

/**
 * The cells of one row, in the contenders' order: the first is the reference.
 *
 * @param row the row
 * @param cells each contender's measurement
 */
public record RowResult(Row row, List<Measurement> cells) {

}
