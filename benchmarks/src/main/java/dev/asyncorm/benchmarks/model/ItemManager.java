package dev.asyncorm.benchmarks.model;

import dev.asyncorm.AsyncModelRepository;

/**
 * The items' async-orm model manager. A second interface beside {@link ItemRepository}, since one
 * interface cannot extend both {@code AsyncModelRepository} and {@code JpaRepository}.
 */
public interface ItemManager extends AsyncModelRepository<Item, Long> {

}
