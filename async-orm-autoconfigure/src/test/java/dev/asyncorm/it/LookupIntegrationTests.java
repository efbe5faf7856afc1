package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.F;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.Q;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every lookup and transform of DESIGN.md, with the exact rows Django would return.
 */
class LookupIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ArticleRepository articles;

	@BeforeEach
	void seed() {
		// Sunday, ISO week 1 of 2020.
		Article a1 = new Article("Hello World", "First post", LocalDate.of(2020, 1, 5),
				LocalDateTime.of(2020, 1, 5, 10, 15, 30), 5);
		a1.setStartTime(LocalTime.of(9, 30));
		persist(a1);
		// Wednesday, ISO week 13.
		persist(new Article("Hello Again", null, LocalDate.of(2021, 3, 31), LocalDateTime.of(2021, 3, 31, 23, 59, 59), 3));
		// Friday, ISO week 52 of 2021.
		persist(new Article("Django 100% async", "percent", LocalDate.of(2021, 12, 31),
				LocalDateTime.of(2021, 12, 31, 0, 0, 0), null));
		// Sunday, ISO week 52 of ISO year 2021 although its year is 2022.
		persist(new Article("Spring Boot", "Java", LocalDate.of(2022, 1, 2), LocalDateTime.of(2022, 1, 2, 12, 0, 45), 4));
		// Thursday, second quarter.
		persist(new Article("Zebra_stripes", "animals", LocalDate.of(2023, 6, 15), LocalDateTime.of(2023, 6, 15, 18, 45, 0),
				1));
	}

	private List<String> headlines(AsyncQuerySet<Article> queryset) {
		List<Article> rows = queryset.orderBy("headline").list().join();
		return rows.stream().map(Article::getHeadline).toList();
	}

	private List<String> filtered(String lookup, Object value) {
		return headlines(this.articles.filter(lookup, value));
	}

	private static List<String> rows(String... headlines) {
		return Arrays.asList(headlines);
	}

	@Test
	void exactMatchesEqualValues() {
		assertThat(filtered("headline", "Hello World")).isEqualTo(rows("Hello World"));
		assertThat(filtered("headline__exact", "Hello World")).isEqualTo(rows("Hello World"));
		assertThat(filtered("rating", 3)).isEqualTo(rows("Hello Again"));
	}

	@Test
	void exactFollowsTheColumnCollation() {
		// Django documents this: MySQL and MariaDB compare with the column's case-insensitive collation.
		List<String> expected = (database() == TestDatabase.MARIADB) ? rows("Hello World") : rows();
		assertThat(filtered("headline", "hello world")).isEqualTo(expected);
	}

	@Test
	void exactAndIexactWithNullMeanIsnull() {
		assertThat(filtered("body", null)).isEqualTo(rows("Hello Again"));
		assertThat(filtered("body__iexact", null)).isEqualTo(rows("Hello Again"));
		assertThat(filtered("rating__exact", null)).isEqualTo(rows("Django 100% async"));
	}

	@Test
	void iexactIgnoresCase() {
		assertThat(filtered("headline__iexact", "HELLO WORLD")).isEqualTo(rows("Hello World"));
	}

	@Test
	void containsIsCaseSensitiveOnEveryDatabase() {
		assertThat(filtered("headline__contains", "Hello")).isEqualTo(rows("Hello Again", "Hello World"));
		assertThat(filtered("headline__contains", "hello")).isEmpty();
		assertThat(filtered("headline__icontains", "hello")).isEqualTo(rows("Hello Again", "Hello World"));
	}

	@Test
	void likeWildcardsInValuesAreLiteral() {
		assertThat(filtered("headline__contains", "100%")).isEqualTo(rows("Django 100% async"));
		assertThat(filtered("headline__contains", "_")).isEqualTo(rows("Zebra_stripes"));
		assertThat(filtered("headline__contains", "%")).isEqualTo(rows("Django 100% async"));
		assertThat(filtered("headline__contains", "!")).isEmpty();
	}

	@Test
	void startsWithAndEndsWith() {
		assertThat(filtered("headline__startswith", "Hello")).isEqualTo(rows("Hello Again", "Hello World"));
		assertThat(filtered("headline__startswith", "hello")).isEmpty();
		assertThat(filtered("headline__istartswith", "hello")).isEqualTo(rows("Hello Again", "Hello World"));
		assertThat(filtered("headline__endswith", "World")).isEqualTo(rows("Hello World"));
		assertThat(filtered("headline__endswith", "world")).isEmpty();
		assertThat(filtered("headline__iendswith", "WORLD")).isEqualTo(rows("Hello World"));
	}

	@Test
	void inDropsNullsAndAnEmptyListMatchesNothing() {
		assertThat(filtered("rating__in", Arrays.asList(5, 3, null))).isEqualTo(rows("Hello Again", "Hello World"));
		assertThat(filtered("rating__in", new Integer[] { 4 })).isEqualTo(rows("Spring Boot"));
		assertThat(filtered("rating__in", List.of())).isEmpty();
		assertThat(headlines(this.articles.exclude("rating__in", List.of()))).hasSize(5);
	}

	@Test
	void comparisons() {
		assertThat(filtered("rating__gt", 3)).isEqualTo(rows("Hello World", "Spring Boot"));
		assertThat(filtered("rating__gte", 3)).isEqualTo(rows("Hello Again", "Hello World", "Spring Boot"));
		assertThat(filtered("rating__lt", 3)).isEqualTo(rows("Zebra_stripes"));
		assertThat(filtered("rating__lte", 3)).isEqualTo(rows("Hello Again", "Zebra_stripes"));
		assertThat(filtered("pubDate__gt", LocalDate.of(2021, 12, 31))).isEqualTo(rows("Spring Boot", "Zebra_stripes"));
	}

	@Test
	void rangeIsInclusive() {
		assertThat(filtered("rating__range", List.of(3, 4))).isEqualTo(rows("Hello Again", "Spring Boot"));
		assertThat(filtered("pubDate__range", new LocalDate[] { LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31) }))
			.isEqualTo(rows("Django 100% async", "Hello Again"));
	}

	@Test
	void isnull() {
		assertThat(filtered("rating__isnull", true)).isEqualTo(rows("Django 100% async"));
		assertThat(filtered("rating__isnull", false)).hasSize(4);
	}

	@Test
	void regexAndIregex() {
		assertThat(filtered("headline__regex", "^H.*d$")).isEqualTo(rows("Hello World"));
		assertThat(filtered("headline__regex", "^hello")).isEmpty();
		assertThat(filtered("headline__iregex", "^hello")).isEqualTo(rows("Hello Again", "Hello World"));
		assertThat(filtered("headline__regex", "[0-9]+%")).isEqualTo(rows("Django 100% async"));
	}

	@Test
	void dateTransforms() {
		assertThat(filtered("pubDate__year", 2021)).isEqualTo(rows("Django 100% async", "Hello Again"));
		assertThat(filtered("pubDate__year__gte", 2022)).isEqualTo(rows("Spring Boot", "Zebra_stripes"));
		assertThat(filtered("pubDate__iso_year", 2021)).isEqualTo(rows("Django 100% async", "Hello Again", "Spring Boot"));
		assertThat(filtered("pubDate__quarter", 1)).isEqualTo(rows("Hello Again", "Hello World", "Spring Boot"));
		assertThat(filtered("pubDate__quarter", 2)).isEqualTo(rows("Zebra_stripes"));
		assertThat(filtered("pubDate__month", 12)).isEqualTo(rows("Django 100% async"));
		assertThat(filtered("pubDate__week", 52)).isEqualTo(rows("Django 100% async", "Spring Boot"));
		assertThat(filtered("pubDate__week", 1)).isEqualTo(rows("Hello World"));
		assertThat(filtered("pubDate__day", 31)).isEqualTo(rows("Django 100% async", "Hello Again"));
	}

	@Test
	void weekDayCountsFromSundayAndIsoWeekDayFromMonday() {
		assertThat(filtered("pubDate__week_day", 1)).isEqualTo(rows("Hello World", "Spring Boot"));
		assertThat(filtered("pubDate__week_day", 4)).isEqualTo(rows("Hello Again"));
		assertThat(filtered("pubDate__week_day", 5)).isEqualTo(rows("Zebra_stripes"));
		assertThat(filtered("pubDate__week_day", 6)).isEqualTo(rows("Django 100% async"));
		assertThat(filtered("pubDate__iso_week_day", 7)).isEqualTo(rows("Hello World", "Spring Boot"));
		assertThat(filtered("pubDate__iso_week_day", 3)).isEqualTo(rows("Hello Again"));
		assertThat(filtered("createdAt__week_day", 1)).isEqualTo(rows("Hello World", "Spring Boot"));
	}

	@Test
	void dateTimeTransforms() {
		assertThat(filtered("createdAt__date", LocalDate.of(2021, 12, 31))).isEqualTo(rows("Django 100% async"));
		assertThat(filtered("createdAt__date__year", 2021)).isEqualTo(rows("Django 100% async", "Hello Again"));
		assertThat(filtered("createdAt__time", LocalTime.of(12, 0, 45))).isEqualTo(rows("Spring Boot"));
		assertThat(filtered("createdAt__hour", 23)).isEqualTo(rows("Hello Again"));
		assertThat(filtered("createdAt__hour__gte", 12)).isEqualTo(rows("Hello Again", "Spring Boot", "Zebra_stripes"));
		assertThat(filtered("createdAt__minute", 45)).isEqualTo(rows("Zebra_stripes"));
		assertThat(filtered("createdAt__second", 45)).isEqualTo(rows("Spring Boot"));
		assertThat(filtered("createdAt__year", 2020)).isEqualTo(rows("Hello World"));
		assertThat(filtered("startTime__hour", 9)).isEqualTo(rows("Hello World"));
		assertThat(filtered("startTime__minute__gt", 0)).isEqualTo(rows("Hello World"));
	}

	@Test
	void valuesAreConvertedToTheFieldType() {
		assertThat(filtered("rating", "3")).isEqualTo(rows("Hello Again"));
		assertThat(filtered("pubDate", "2021-03-31")).isEqualTo(rows("Hello Again"));
	}

	@Test
	void qCombinesWithAndOrNot() {
		assertThat(headlines(this.articles.filter(Q.of("headline__startswith", "Hello").and(Q.of("rating__gte", 5)))))
			.isEqualTo(rows("Hello World"));
		assertThat(headlines(this.articles.filter(Q.of("rating", 1).or(Q.of("rating", 4)))))
			.isEqualTo(rows("Spring Boot", "Zebra_stripes"));
		// Django's ~Q keeps the rows whose field is NULL.
		assertThat(headlines(this.articles.filter(Q.of("rating__gte", 4).not())))
			.isEqualTo(rows("Django 100% async", "Hello Again", "Zebra_stripes"));
		assertThat(headlines(this.articles.filter(Q.of("rating__gte", 4).not().not())))
			.isEqualTo(rows("Hello World", "Spring Boot"));
	}

	@Test
	void filterMapsAreConjunctionsAndChainedFiltersNarrow() {
		assertThat(headlines(this.articles.filter(Map.of("headline__startswith", "Hello", "rating__lt", 5))))
			.isEqualTo(rows("Hello Again"));
		assertThat(headlines(this.articles.filter("pubDate__year__gte", 2021).filter("rating__isnull", false)))
			.isEqualTo(rows("Hello Again", "Spring Boot", "Zebra_stripes"));
	}

	@Test
	void excludeKeepsRowsWhoseFieldIsNull() {
		assertThat(headlines(this.articles.exclude("rating", 5)))
			.isEqualTo(rows("Django 100% async", "Hello Again", "Spring Boot", "Zebra_stripes"));
		assertThat(headlines(this.articles.exclude(Map.of("headline__startswith", "Hello", "rating", 5))))
			.isEqualTo(rows("Django 100% async", "Hello Again", "Spring Boot", "Zebra_stripes"));
		assertThat(headlines(this.articles.exclude("body__contains", "o")))
			.isEqualTo(rows("Django 100% async", "Hello Again", "Spring Boot", "Zebra_stripes"));
	}

	@Test
	void fExpressionsCompareColumns() {
		assertThat(filtered("rating__gte", F.of("rating"))).hasSize(4);
		assertThat(filtered("rating__lt", F.of("rating").plus(1))).hasSize(4);
		assertThat(filtered("rating__gt", F.of("rating").times(2))).isEmpty();
	}

	@Test
	void unknownFieldFailsAtBuildTimeNamingTheChoices() {
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.articles.filter("nmae", "x"))
			.withMessage("Cannot resolve keyword 'nmae' into field of Article. Choices are: body, createdAt, headline, "
					+ "id, pk, pubDate, rating, startTime");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.articles.orderBy("-nmae"));
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.filter(Q.of("rating", 1).or(Q.of("ratings", 2))));
	}

	@Test
	void unknownOrMisplacedLookupsFailAtBuildTime() {
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.filter("headline__foo", "x"))
			.withMessageStartingWith("Unsupported lookup 'foo' for String field 'headline' of Article.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.filter("pubDate__hour", 1))
			.withMessageContaining("Unsupported lookup 'hour' for LocalDate field 'pubDate'");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.filter("startTime__contains", "10"))
			.withMessageContaining("applies to text and number fields only");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.filter("headline__exact__year", 1));
	}

	@Test
	void badValuesFailAtBuildTime() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.filter("rating__gt", null))
			.withMessageContaining("Cannot use null as a query value for 'rating__gt'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.filter("rating__isnull", "yes"))
			.withMessageContaining("must be true or false");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.filter("rating__range", List.of(1, 2, 3)))
			.withMessageContaining("needs exactly 2 values, got 3");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.filter("rating", "three"))
			.withMessage("Field 'rating' expected a Integer but got String 'three'.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.filter("rating__in", 3))
			.withMessageContaining("needs a collection or an array");
	}

	@Test
	void valuesReachTheDatabaseOnlyAsParameters() {
		this.recorder.reset();
		assertThat(filtered("headline__icontains", "x' OR '1'='1")).isEmpty();
		assertThat(this.recorder.sql()).singleElement().asString().doesNotContain("OR '1'='1");
		assertThat(Collections.frequency(this.recorder.sql(), null)).isZero();
	}

}
