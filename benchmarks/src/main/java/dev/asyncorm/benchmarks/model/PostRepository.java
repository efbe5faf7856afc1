package dev.asyncorm.benchmarks.model;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The posts as a plain Spring Data JPA repository.
 */
public interface PostRepository extends JpaRepository<Post, Long> {

}
