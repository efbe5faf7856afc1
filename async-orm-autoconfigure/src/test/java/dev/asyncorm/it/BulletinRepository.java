package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface BulletinRepository extends AsyncModelRepository<Bulletin, Long> {

}
