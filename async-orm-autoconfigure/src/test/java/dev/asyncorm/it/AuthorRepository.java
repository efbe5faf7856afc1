package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface AuthorRepository extends AsyncModelRepository<Author, Long> {

}
