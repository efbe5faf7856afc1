package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface PaperRepository extends AsyncModelRepository<Paper, Long> {

}
