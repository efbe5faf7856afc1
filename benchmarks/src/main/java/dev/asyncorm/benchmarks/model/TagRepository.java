package dev.asyncorm.benchmarks.model;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The tags as a plain Spring Data JPA repository, for references to them.
 */
public interface TagRepository extends JpaRepository<Tag, Long> {

}
