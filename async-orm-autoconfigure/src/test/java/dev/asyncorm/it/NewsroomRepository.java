package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface NewsroomRepository extends AsyncModelRepository<Newsroom, Long> {

}
