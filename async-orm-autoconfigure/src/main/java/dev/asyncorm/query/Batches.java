package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The batches of a bulk write: as many rows per statement as asked, or as configured, but never
 * more bind parameters than every supported driver accepts; and the chunks of long {@code IN} lists.
 */
final class Batches {

	/** The most parameters per statement: PostgreSQL's wire protocol counts them in 16 bits, signed in older drivers. */
	static final int MAX_PARAMETERS = 32767;

	private Batches() {
	}

	/**
	 * Returns the rows per statement.
	 * @param requested the batch size of the call, or {@code null}
	 * @param configured {@code async-orm.bulk.batch-size}
	 * @param parametersPerRow the bind parameters each row takes
	 */
	static int size(@Nullable Integer requested, int configured, int parametersPerRow) {
		int limit = Math.max(1, MAX_PARAMETERS / Math.max(1, parametersPerRow));
		return Math.min((requested != null) ? requested : configured, limit);
	}

	static <E> List<List<E>> split(List<E> items, int size) {
		List<List<E>> batches = new ArrayList<>();
		for (int start = 0; start < items.size(); start += size) {
			batches.add(items.subList(start, Math.min(items.size(), start + size)));
		}
		return batches;
	}

}
