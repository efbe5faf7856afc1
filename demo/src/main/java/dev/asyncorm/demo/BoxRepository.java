package dev.asyncorm.demo;

import dev.asyncorm.AsyncModelRepository;

/**
 * The boxes' model manager.
 */
public interface BoxRepository extends AsyncModelRepository<Box, Long> {

}
