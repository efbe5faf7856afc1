package dev.asyncorm.benchmarks.model;

import dev.asyncorm.AsyncModelRepository;

/**
 * The tags' async-orm model manager, which loads the tags once for the many-to-many workload.
 */
public interface TagManager extends AsyncModelRepository<Tag, Long> {

}
