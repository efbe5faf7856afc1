package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface TagRepository extends AsyncModelRepository<Tag, Long> {

}
