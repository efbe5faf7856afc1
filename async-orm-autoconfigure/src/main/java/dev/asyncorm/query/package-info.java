/**
 * Lookup parsing, the immutable query model and its translation to JPA Criteria.
 */
@NullMarked
package dev.asyncorm.query;

import org.jspecify.annotations.NullMarked;
