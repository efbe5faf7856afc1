package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface ReadingRepository extends AsyncModelRepository<Reading, Long> {

}
