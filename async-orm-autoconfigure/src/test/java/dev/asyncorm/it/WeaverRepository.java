package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface WeaverRepository extends AsyncModelRepository<Weaver, Long> {

}
