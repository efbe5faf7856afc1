package dev.asyncorm.consumer;

import dev.asyncorm.AsyncModelRepository;

/** The readings' Django-style manager. */
public interface ReadingRepository extends AsyncModelRepository<Reading, Long> {

}
