package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface BasketRepository extends AsyncModelRepository<Basket, Long> {

}
