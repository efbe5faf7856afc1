/**
 * Spring Boot auto-configuration of async-orm and its properties.
 */
@NullMarked
package dev.asyncorm.autoconfigure;

import org.jspecify.annotations.NullMarked;
