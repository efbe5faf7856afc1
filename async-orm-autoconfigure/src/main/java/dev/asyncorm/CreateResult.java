package dev.asyncorm;

/**
 * What {@code getOrCreate} and {@code updateOrCreate} return: Django's {@code (obj, created)}.
 *
 * @param object the row found or created, detached
 * @param created whether it was created
 * @param <T> the entity type
 * @since 0.1.0
 */
public record CreateResult<T>(T object, boolean created) {
}
