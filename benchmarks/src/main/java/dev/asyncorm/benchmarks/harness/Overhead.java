package dev.asyncorm.benchmarks.harness;

/**
 * The cost of one read by id on one thread, in microseconds, by each way of reading.
 *
 * @param iterations the measured reads of each way
 * @param findById Spring Data's {@code JpaRepository.findById}
 * @param entityManagerFind {@code EntityManager.find} in a fresh entity manager
 * @param asyncOrmGet async-orm's {@code get("pk", id).join()}
 */
public record Overhead(int iterations, double findById, double entityManagerFind, double asyncOrmGet) {

}
