package dev.asyncorm.benchmarks.model;

import dev.asyncorm.AsyncModelRepository;

/**
 * The posts' async-orm model manager, whose related manager replaces a post's tags.
 */
public interface PostManager extends AsyncModelRepository<Post, Long> {

}
