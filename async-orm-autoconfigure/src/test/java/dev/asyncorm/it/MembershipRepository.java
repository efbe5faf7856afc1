package dev.asyncorm.it;

import dev.asyncorm.AsyncModelRepository;

public interface MembershipRepository extends AsyncModelRepository<Membership, Long> {

}
