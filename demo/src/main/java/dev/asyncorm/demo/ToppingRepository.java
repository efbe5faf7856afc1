package dev.asyncorm.demo;

import dev.asyncorm.AsyncModelRepository;

/**
 * The toppings' model manager.
 */
public interface ToppingRepository extends AsyncModelRepository<Topping, Long> {

}
