/**
 * The Markdown report: the machine's description, the tables of ratios, and the results file.
 */
@NullMarked
package dev.asyncorm.benchmarks.report;

import org.jspecify.annotations.NullMarked;
