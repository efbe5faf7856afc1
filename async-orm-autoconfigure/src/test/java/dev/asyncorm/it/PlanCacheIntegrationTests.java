package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import dev.asyncorm.Aggregate;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Querysets of one shape reuse Hibernate's translation of the first, whatever their values; shapes
 * with many bound values are not kept, so that {@code in} lists of every length do not fill the
 * cache.
 */
class PlanCacheIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ArticleRepository articles;

	private Statistics statistics;

	@BeforeEach
	void countFromHere() {
		this.statistics = hibernateStatistics();
	}

	@Test
	void aQuerysetOfAShapeAlreadyReadIsNotTranslatedAgain() {
		assertThat(this.articles.filter("headline__startswith", "A").orderBy("headline").limit(20).list())
			.succeedsWithin(TIMEOUT);
		long misses = this.statistics.getQueryPlanCacheMissCount();
		for (String prefix : List.of("B", "C", "D")) {
			assertThat(this.articles.filter("headline__startswith", prefix).orderBy("headline").limit(20).list())
				.succeedsWithin(TIMEOUT);
		}
		assertThat(this.statistics.getQueryPlanCacheMissCount()).isEqualTo(misses);
		assertThat(this.statistics.getQueryPlanCacheHitCount()).isEqualTo(3);
	}

	@Test
	void aProjectionOrAggregateOfAShapeAlreadyReadIsNotTranslatedAgain() {
		for (String prefix : List.of("A", "B", "C")) {
			assertThat(this.articles.filter("headline__startswith", prefix).values("headline", "rating").list())
				.succeedsWithin(TIMEOUT);
			assertThat(this.articles.filter("headline__startswith", prefix)
				.aggregate(Aggregate.max("rating"), Aggregate.min("rating")))
				.succeedsWithin(TIMEOUT);
		}
		assertThat(this.statistics.getQueryPlanCacheMissCount()).isEqualTo(2);
		assertThat(this.statistics.getQueryPlanCacheHitCount()).isEqualTo(4);
	}

	@Test
	void aShapeWithManyValuesIsNotKept() {
		List<Long> ids = LongStream.rangeClosed(1, 33).boxed().toList();
		for (int i = 0; i < 3; i++) {
			assertThat(this.articles.filter("pk__in", ids).list()).succeedsWithin(TIMEOUT);
		}
		assertThat(this.statistics.getQueryPlanCacheHitCount()).isZero();
		List<Long> few = LongStream.rangeClosed(1, 32).boxed().toList();
		for (int i = 0; i < 3; i++) {
			assertThat(this.articles.filter("pk__in", few).list()).succeedsWithin(TIMEOUT);
		}
		assertThat(this.statistics.getQueryPlanCacheHitCount()).isEqualTo(2);
	}

}
