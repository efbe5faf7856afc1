package dev.asyncorm.benchmarks.model;

import java.util.List;
import java.util.Locale;

/**
 * The databases the benchmarks run on, and what each needs beyond the schema Hibernate creates.
 * {@code bench.database} also names the Spring profile ({@code application-h2.yml},
 * {@code application-postgres.yml}) that points the pool at it.
 */
public enum Database {

	/** Embedded H2, in memory. */
	H2(List.of(), List.of()),

	/**
	 * The PostgreSQL server at {@code ASYNC_ORM_PG_URL}. Outside the {@code C} collation a plain
	 * index cannot serve {@code LIKE 'prefix%'}, so the name also gets a {@code varchar_pattern_ops}
	 * index, as Django adds for an indexed text field; statistics are gathered once the rows are in,
	 * and deleted rows are vacuumed away after each writing cell so that later cells do not read
	 * around them.
	 */
	POSTGRES(List.of("CREATE INDEX bench_item_name_like_idx ON bench_item (name varchar_pattern_ops)",
			"ANALYZE bench_item, bench_post, bench_tag, bench_post_tag"), List.of("VACUUM ANALYZE bench_item"));

	private final List<String> afterSeeding;

	private final List<String> afterWrites;

	Database(List<String> afterSeeding, List<String> afterWrites) {
		this.afterSeeding = afterSeeding;
		this.afterWrites = afterWrites;
	}

	/**
	 * The key of the database in {@code bench.database} and in results file names.
	 * @return the key
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Statements run once the seeded rows are committed.
	 * @return the statements
	 */
	List<String> afterSeeding() {
		return this.afterSeeding;
	}

	/**
	 * Statements run after the rows a cell wrote are deleted.
	 * @return the statements
	 */
	List<String> afterWrites() {
		return this.afterWrites;
	}

}
