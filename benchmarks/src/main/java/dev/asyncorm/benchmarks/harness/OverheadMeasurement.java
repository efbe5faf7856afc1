package dev.asyncorm.benchmarks.harness;

import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

import dev.asyncorm.benchmarks.model.Dataset;
import dev.asyncorm.benchmarks.model.Item;
import dev.asyncorm.benchmarks.model.ItemManager;
import dev.asyncorm.benchmarks.model.ItemRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.stereotype.Component;

/**
 * Measures what one read by id costs on one thread, without contention: the overhead of each
 * layer, where the throughput rows show what the layers do under load. A measured loop rather
 * than JMH: each read is a database round trip of microseconds, far above what JMH corrects for.
 */
@Component
public final class OverheadMeasurement {

	/** The measured iterations are run in rounds, the ways interleaved, so that drift hits all alike. */
	private static final int ROUNDS = 5;

	private final ItemRepository repository;

	private final EntityManagerFactory entityManagerFactory;

	private final ItemManager manager;

	/**
	 * A measurement of the three ways of reading an item.
	 * @param repository Spring Data's repository
	 * @param entityManagerFactory the JPA entity manager factory
	 * @param manager async-orm's model manager
	 */
	public OverheadMeasurement(ItemRepository repository, EntityManagerFactory entityManagerFactory,
			ItemManager manager) {
		this.repository = repository;
		this.entityManagerFactory = entityManagerFactory;
		this.manager = manager;
	}

	/**
	 * Warms each way up with {@code iterations} reads, then measures as many.
	 * @param dataset the seeded data, whose ids are read
	 * @param iterations the reads of each way, warm-up and measured each
	 * @return the microseconds per read
	 */
	public Overhead measure(Dataset dataset, int iterations) {
		List<LongConsumer> ways = List.of(
				(id) -> this.repository.findById(id).orElseThrow(),
				this::findInFreshEntityManager,
				(id) -> this.manager.get("pk", id).join());
		ways.forEach((way) -> loop(way, dataset, iterations));
		long[] nanos = new long[ways.size()];
		for (int round = 0; round < ROUNDS; round++) {
			for (int way = 0; way < ways.size(); way++) {
				nanos[way] += loop(ways.get(way), dataset, iterations / ROUNDS);
			}
		}
		int measured = iterations / ROUNDS * ROUNDS;
		return new Overhead(measured, micros(nanos[0], measured), micros(nanos[1], measured),
				micros(nanos[2], measured));
	}

	private void findInFreshEntityManager(long id) {
		try (EntityManager entityManager = this.entityManagerFactory.createEntityManager()) {
			Objects.requireNonNull(entityManager.find(Item.class, id));
		}
	}

	private static long loop(LongConsumer way, Dataset dataset, int iterations) {
		long start = System.nanoTime();
		for (int i = 0; i < iterations; i++) {
			way.accept(dataset.randomItemId());
		}
		return System.nanoTime() - start;
	}

	private static double micros(long nanos, int iterations) {
		return nanos / 1e3 / iterations;
	}

}
