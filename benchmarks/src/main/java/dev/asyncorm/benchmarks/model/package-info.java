/**
 * The benchmark's tables: entities, the repositories of each contender, and the seeded data.
 */
@NullMarked
package dev.asyncorm.benchmarks.model;

import org.jspecify.annotations.NullMarked;
