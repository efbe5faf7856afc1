package dev.asyncorm.query;

/**
 * The row a to-one relation is set to by {@code update()}: the related entity's type and id,
 * bound as the foreign key without loading the row.
 *
 * @param type the related entity's class
 * @param id its id
 */
record RelatedReference(Class<?> type, Object id) {
}
