/**
 * The repository fragment that implements AsyncModelRepository, and the advice that moves derived query methods onto the executor.
 */
@NullMarked
package dev.asyncorm.repository;

import org.jspecify.annotations.NullMarked;
