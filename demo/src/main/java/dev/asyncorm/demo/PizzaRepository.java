package dev.asyncorm.demo;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncModelRepository;

/**
 * The pizzas' model manager: {@code filter}, {@code get}, {@code create}, … come from
 * {@link AsyncModelRepository}; the derived query below runs on the async-orm executor too.
 */
public interface PizzaRepository extends AsyncModelRepository<Pizza, Long> {

	CompletableFuture<List<Pizza>> findByNameStartingWith(String prefix);

}
