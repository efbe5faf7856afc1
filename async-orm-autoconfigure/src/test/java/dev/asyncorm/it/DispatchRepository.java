package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface DispatchRepository extends AsyncModelRepository<Dispatch, Long> {

}
