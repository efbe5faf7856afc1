package dev.asyncorm.benchmarks.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the tables, which Hibernate has just created empty, with plain JDBC batches, and removes
 * the rows the write workloads add so that every cell reads the same data.
 */
@Component
public class DatasetSeeder {

	private static final int BATCH_SIZE = 1_000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	DatasetSeeder(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Inserts the items, tags and posts, each post with the tags of group {@code post % groups},
	 * then runs what the database needs once the rows are in.
	 * @param database the database
	 * @return the seeded ids
	 */
	public Dataset seed(Database database) {
		// One transaction: in autocommit every batched row would be a commit of its own.
		Dataset seeded = this.transaction.execute((status) -> {
			batchInsert("INSERT INTO bench_item (name, quantity) VALUES (?, ?)", Dataset.ITEMS,
					(i) -> new Object[] { Dataset.itemName(i), Dataset.quantity(i) });
			batchInsert("INSERT INTO bench_tag (name) VALUES (?)", Dataset.TAGS, (i) -> new Object[] { "tag-" + i });
			batchInsert("INSERT INTO bench_post (title) VALUES (?)", Dataset.POSTS,
					(i) -> new Object[] { "post-" + i });
			Dataset dataset = new Dataset(ids("bench_item"), ids("bench_post"), ids("bench_tag"));
			linkTags(dataset);
			return dataset;
		});
		// After the commit, so that statistics see the rows and an index is built over them at once.
		database.afterSeeding().forEach(this.jdbc::execute);
		return Objects.requireNonNull(seeded);
	}

	/**
	 * Deletes the items written after seeding, then runs what the database needs after it.
	 * @param dataset the seeded data
	 * @param database the database
	 */
	public void removeWrites(Dataset dataset, Database database) {
		this.jdbc.update("DELETE FROM bench_item WHERE id > ?", dataset.lastItemId());
		database.afterWrites().forEach(this.jdbc::execute);
	}

	private void linkTags(Dataset dataset) {
		long[] posts = dataset.postIds();
		List<Object[]> rows = IntStream.range(0, posts.length).boxed().flatMap((post) -> {
			long[] tags = dataset.tagGroup(post % dataset.tagGroups());
			return IntStream.range(0, tags.length).mapToObj((i) -> new Object[] { posts[post], tags[i] });
		}).toList();
		this.jdbc.batchUpdate("INSERT INTO bench_post_tag (post_id, tag_id) VALUES (?, ?)", rows);
	}

	private void batchInsert(String sql, int rows, RowValues values) {
		for (int start = 0; start < rows; start += BATCH_SIZE) {
			List<Object[]> batch = IntStream.range(start, Math.min(rows, start + BATCH_SIZE))
				.mapToObj(values::of)
				.toList();
			this.jdbc.batchUpdate(sql, batch);
		}
	}

	private long[] ids(String table) {
		return this.jdbc.queryForList("SELECT id FROM " + table + " ORDER BY id", Long.class)
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

	/** The bound values of one seeded row. */
	@FunctionalInterface
	private interface RowValues {

		Object[] of(int index);

	}

}
