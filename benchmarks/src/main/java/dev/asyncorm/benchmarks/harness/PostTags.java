package dev.asyncorm.benchmarks.harness;

import java.util.concurrent.ThreadLocalRandom;

import dev.asyncorm.benchmarks.model.Dataset;

/**
 * Which group of tags each post has, so that each change replaces its five tags by five others.
 * Kept across cells, since the contenders change the same posts in turn. A post is changed by one
 * caller at a time: caller {@code i} of {@code C} owns the posts {@code i, i + C, i + 2C, …}.
 */
final class PostTags {

	private final Dataset dataset;

	private final int[] groupOfPost;

	PostTags(Dataset dataset) {
		this.dataset = dataset;
		// As seeded: post p has the tags of group p % groups.
		this.groupOfPost = new int[dataset.postIds().length];
		for (int post = 0; post < this.groupOfPost.length; post++) {
			this.groupOfPost[post] = post % dataset.tagGroups();
		}
	}

	/**
	 * The posts one caller changes, in turn.
	 * @param caller the caller, from 0
	 * @param callers the callers of the cell
	 * @return the operation's argument source
	 */
	Cursor cursor(int caller, int callers) {
		if (callers > this.groupOfPost.length) {
			throw new IllegalArgumentException("More callers than posts: " + callers);
		}
		return new Cursor(caller, callers);
	}

	/**
	 * One change: a post and the tags it gets.
	 *
	 * @param postId the post
	 * @param tagIds the new tags
	 */
	record Change(long postId, long[] tagIds) {

	}

	/** One caller's way through its posts. */
	final class Cursor {

		private final int callers;

		private int post;

		private Cursor(int caller, int callers) {
			this.post = caller;
			this.callers = callers;
		}

		Change next() {
			int current = this.post;
			this.post += this.callers;
			if (this.post >= PostTags.this.groupOfPost.length) {
				this.post = current % this.callers;
			}
			int groups = PostTags.this.dataset.tagGroups();
			int group = (PostTags.this.groupOfPost[current] + 1 + ThreadLocalRandom.current().nextInt(groups - 1))
					% groups;
			PostTags.this.groupOfPost[current] = group;
			return new Change(PostTags.this.dataset.postIds()[current], PostTags.this.dataset.tagGroup(group));
		}

	}

}
