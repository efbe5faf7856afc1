/**
 * Related managers: add, remove, set and clear on many-to-many relations and reverse foreign keys.
 */
@NullMarked
package dev.asyncorm.relation;

import org.jspecify.annotations.NullMarked;
