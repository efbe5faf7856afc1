package dev.asyncorm.query;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The defaults every queryset of the application starts from, read from {@code async-orm.*}.
 *
 * @param iteratorChunkSize the rows per query of {@code iterator()} and {@code forEach()}
 * @param bulkBatchSize the most rows per statement of a bulk write that gives no batch size
 * @param timeout the statement timeout of a queryset that sets none with {@code timeout()}, or
 * {@code null} for the database's
 * @since 0.1.0
 */
public record QuerySettings(int iteratorChunkSize, int bulkBatchSize, @Nullable Duration timeout) {

	/**
	 * Checks the settings.
	 * @param iteratorChunkSize the rows per query of {@code iterator()} and {@code forEach()}
	 * @param bulkBatchSize the most rows per statement of a bulk write that gives no batch size
	 * @param timeout the default statement timeout, or {@code null}
	 */
	public QuerySettings {
		Assert.isTrue(iteratorChunkSize > 0,
				() -> "async-orm.iterator.chunk-size must be positive, got " + iteratorChunkSize);
		Assert.isTrue(bulkBatchSize > 0, () -> "async-orm.bulk.batch-size must be positive, got " + bulkBatchSize);
		Assert.isTrue(timeout == null || (!timeout.isNegative() && !timeout.isZero()),
				() -> "async-orm.query.timeout must be positive, got " + timeout);
	}

}
