package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface HamperRepository extends AsyncModelRepository<Hamper, Long> {

}
