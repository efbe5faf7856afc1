/**
 * A Spring Boot application that measures async-orm beside plain JDBC and Spring Data JPA.
 */
@NullMarked
package dev.asyncorm.benchmarks;

import org.jspecify.annotations.NullMarked;
