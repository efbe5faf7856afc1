package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface StockItemRepository extends AsyncModelRepository<StockItem, Long> {

}
