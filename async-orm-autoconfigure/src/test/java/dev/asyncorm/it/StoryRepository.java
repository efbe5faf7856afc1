package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface StoryRepository extends AsyncModelRepository<Story, Long> {

}
