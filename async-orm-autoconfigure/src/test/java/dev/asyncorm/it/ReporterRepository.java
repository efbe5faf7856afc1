package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface ReporterRepository extends AsyncModelRepository<Reporter, Long> {

}
