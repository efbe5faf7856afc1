package dev.asyncorm.benchmarks.model;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The seeded rows' ids, and the arguments the workloads draw from them.
 *
 * @param itemIds the seeded items' ids, ascending
 * @param postIds the posts' ids, ascending
 * @param tagIds the tags' ids, ascending: consecutive runs of {@link #TAGS_PER_POST} form the
 * groups a post's tags are replaced with
 */
public record Dataset(long[] itemIds, long[] postIds, long[] tagIds) {

	/** Items seeded, and so the rows each stream reads. */
	public static final int ITEMS = 100_000;

	/** Posts seeded: at least as many as callers, so that no two callers change one post. */
	public static final int POSTS = 1_024;

	/** Tags seeded. */
	public static final int TAGS = 100;

	/** Tags of each post. */
	public static final int TAGS_PER_POST = 5;

	/** The sum of the seeded items' quantities, which a complete stream adds up to. */
	public static final long QUANTITY_SUM = IntStream.range(0, ITEMS).mapToLong(Dataset::quantity).sum();

	/**
	 * The quantity of the seeded item number {@code index}.
	 * @param index the item's index
	 * @return the quantity
	 */
	public static int quantity(int index) {
		return index % 1_000;
	}

	/**
	 * The name of the seeded item number {@code index}: six digits, so that a four-digit prefix
	 * matches 100 items, of which the filter workload reads the first 20.
	 * @param index the item's index
	 * @return the name
	 */
	public static String itemName(int index) {
		return "item-%06d".formatted(index);
	}

	/**
	 * A random seeded item's id.
	 * @return the id
	 */
	public long randomItemId() {
		return this.itemIds[ThreadLocalRandom.current().nextInt(this.itemIds.length)];
	}

	/**
	 * A random name prefix that 100 seeded items have.
	 * @return the prefix
	 */
	public String randomPrefix() {
		return "item-%04d".formatted(ThreadLocalRandom.current().nextInt(ITEMS / 100));
	}

	/**
	 * The number of tag groups.
	 * @return the number of groups
	 */
	public int tagGroups() {
		return this.tagIds.length / TAGS_PER_POST;
	}

	/**
	 * The ids of the tags of one group.
	 * @param group the group, from 0
	 * @return the tags' ids
	 */
	public long[] tagGroup(int group) {
		return Arrays.copyOfRange(this.tagIds, group * TAGS_PER_POST, (group + 1) * TAGS_PER_POST);
	}

	/**
	 * The id of the last seeded item: rows above it were written by the benchmark.
	 * @return the id
	 */
	public long lastItemId() {
		return this.itemIds[this.itemIds.length - 1];
	}

}
