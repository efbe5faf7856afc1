package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface PizzaRepository extends AsyncModelRepository<Pizza, Long> {

}
