package dev.asyncorm.query;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.asyncorm.DeleteResult;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Counts the entities Hibernate deletes on the current thread while a count is open, cascades
 * included, per entity name: the per-model numbers of {@link DeleteResult}.
 */
final class DeletionCounter implements PostDeleteEventListener {

	private static final ThreadLocal<Map<String, Long>> COUNTS = new ThreadLocal<>();

	/** Runs the work and returns what it deleted. */
	static DeleteResult count(Runnable work) {
		Map<String, Long> outer = COUNTS.get();
		Map<String, Long> counts = new LinkedHashMap<>();
		COUNTS.set(counts);
		try {
			work.run();
		}
		finally {
			if (outer != null) {
				COUNTS.set(outer);
				counts.forEach((name, count) -> outer.merge(name, count, Long::sum));
			}
			else {
				COUNTS.remove();
			}
		}
		return new DeleteResult(counts.values().stream().mapToLong(Long::longValue).sum(), counts);
	}

	/** Adds rows deleted by a bulk statement to the open count. */
	static void add(String entityName, long rows) {
		Map<String, Long> counts = COUNTS.get();
		if (counts != null && rows > 0) {
			counts.merge(entityName, rows, Long::sum);
		}
	}

	@Override
	public void onPostDelete(PostDeleteEvent event) {
		Map<String, Long> counts = COUNTS.get();
		if (counts != null) {
			counts.merge(event.getPersister().getJpaEntityName(), 1L, Long::sum);
		}
	}

	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return false;
	}

}
