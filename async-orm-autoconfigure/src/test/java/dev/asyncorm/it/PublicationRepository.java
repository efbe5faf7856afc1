package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface PublicationRepository extends AsyncModelRepository<Publication, Long> {

}
