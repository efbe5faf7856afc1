package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface ClubRepository extends AsyncModelRepository<Club, Long> {

}
