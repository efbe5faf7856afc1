package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface BoxRepository extends AsyncModelRepository<Box, Long> {

}
