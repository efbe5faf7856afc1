/**
 * The executor, dispatch of operations onto it, transactions and metrics.
 */
@NullMarked
package dev.asyncorm.execution;

import org.jspecify.annotations.NullMarked;
