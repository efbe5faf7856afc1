package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface MemoRepository extends AsyncModelRepository<Memo, Long> {

}
