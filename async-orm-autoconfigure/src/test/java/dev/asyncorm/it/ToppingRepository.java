package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface ToppingRepository extends AsyncModelRepository<Topping, Long> {

}
