package dev.asyncorm.demo;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * An ordinary, blocking Spring Data repository, living beside the async ones.
 */
public interface PriceRepository extends JpaRepository<Price, Long> {

}
