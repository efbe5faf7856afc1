package dev.asyncorm.benchmarks.harness;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.asyncorm.benchmarks.contender.Contender;
import dev.asyncorm.benchmarks.contender.RowSink;
import dev.asyncorm.benchmarks.model.Dataset;

/**
 * What an operation does, the same for every contender; a row of the report runs one workload at
 * one number of callers.
 */
public enum Workload {

	/** Reads a random item by id. */
	GET("get", "get by id", 1, false) {
		@Override
		Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers) {
			return () -> contender.getById(fixture.dataset().randomItemId());
		}
	},

	/** Reads the first 20 items of a random name prefix that 100 items have. */
	FILTER("filter", "filter prefix + order + limit 20", 1, false) {
		@Override
		Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers) {
			return () -> contender.filterByPrefix(fixture.dataset().randomPrefix());
		}
	},

	/** Inserts one item. */
	INSERT("insert", "insert one row", 1, true) {
		@Override
		Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers) {
			return () -> contender.insert("new-" + ThreadLocalRandom.current().nextInt(1_000_000));
		}
	},

	/** Replaces the five tags of one of the caller's posts by five others. */
	M2M("m2m", "m2m set 5 tags", 1, false) {
		@Override
		Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers) {
			PostTags.Cursor posts = fixture.postTags().cursor(caller, callers);
			return () -> {
				PostTags.Change change = posts.next();
				return contender.replaceTags(change.postId(), change.tagIds());
			};
		}
	},

	/** Inserts 10,000 items in one call. */
	BULK("bulk", "bulk insert 10,000 rows (rows/s)", 10_000, true) {
		@Override
		Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers) {
			return () -> contender.bulkInsert(unitsPerOperation());
		}
	},

	/** Reads every seeded item, checking that each came once. */
	STREAM("stream", "stream 100,000 rows (rows/s)", Dataset.ITEMS, false) {
		@Override
		Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers) {
			return () -> {
				RowSink sink = new RowSink();
				return contender.stream(sink).thenRun(() -> checkComplete(sink));
			};
		}
	};

	private final String key;

	private final String label;

	private final int unitsPerOperation;

	private final boolean writesItems;

	Workload(String key, String label, int unitsPerOperation, boolean writesItems) {
		this.key = key;
		this.label = label;
		this.unitsPerOperation = unitsPerOperation;
		this.writesItems = writesItems;
	}

	/**
	 * The name of the workload in {@code bench.only}.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The name of the workload in the report.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The rows one operation handles: throughput is reported in these units per second.
	 * @return the units
	 */
	public int unitsPerOperation() {
		return this.unitsPerOperation;
	}

	/**
	 * Whether throughput is counted in rows rather than operations.
	 * @return whether rows are counted
	 */
	public boolean countsRows() {
		return this.unitsPerOperation > 1;
	}

	boolean writesItems() {
		return this.writesItems;
	}

	/**
	 * The operation of one caller: every call of the supplier starts one.
	 * @param contender the contender
	 * @param fixture the seeded data and the state of the posts' tags
	 * @param caller the caller, from 0
	 * @param callers the callers of the cell
	 * @return the operation
	 */
	abstract Supplier<CompletableFuture<?>> operation(Contender contender, Fixture fixture, int caller, int callers);

	private static void checkComplete(RowSink sink) {
		if (sink.rows() != Dataset.ITEMS || sink.checksum() != Dataset.QUANTITY_SUM) {
			throw new IllegalStateException("Streamed %d rows adding up to %d, expected %d adding up to %d"
				.formatted(sink.rows(), sink.checksum(), Dataset.ITEMS, Dataset.QUANTITY_SUM));
		}
	}

}
