package dev.asyncorm.benchmarks.harness;

import dev.asyncorm.benchmarks.model.Dataset;

/**
 * What the workloads draw their arguments from.
 *
 * @param dataset the seeded data
 * @param postTags the posts' current tags
 */
record Fixture(Dataset dataset, PostTags postTags) {

	Fixture(Dataset dataset) {
		this(dataset, new PostTags(dataset));
	}

}
