/**
 * A Spring Boot application that shows async-orm's model managers behind a REST API.
 */
@NullMarked
package dev.asyncorm.demo;

import org.jspecify.annotations.NullMarked;
