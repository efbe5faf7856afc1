/**
 * The systems measured side by side, each offering the same operations as futures.
 */
@NullMarked
package dev.asyncorm.benchmarks.contender;

import org.jspecify.annotations.NullMarked;
