/**
 * The public API of async-orm: Django's async model manager and queryset for Spring Data JPA.
 */
@NullMarked
package dev.asyncorm;

import org.jspecify.annotations.NullMarked;
