package dev.asyncorm.consumer;

import org.springframework.data.jpa.repository.JpaRepository;

/** A plain Spring Data repository of the same entity, which must keep working beside the starter. */
public interface ReadingJpaRepository extends JpaRepository<Reading, Long> {

}
