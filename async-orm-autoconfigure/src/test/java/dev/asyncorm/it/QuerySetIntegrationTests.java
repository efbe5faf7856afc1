package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.MultipleObjectsReturnedException;
import dev.asyncorm.ObjectDoesNotExistException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Ordering, slicing and the reading terminal operations, with Django's results and errors.
 */
class QuerySetIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private TagRepository tags;

	@Autowired
	private MemoRepository memos;

	private Article first;

	@BeforeEach
	void seed() {
		this.first = persist(article("Bravo", 2020, 3));
		persist(article("Alpha", 2022, 5));
		persist(article("Delta", 2021, 1));
		persist(article("Charlie", 2019, 4));
	}

	private static Article article(String headline, int year, int rating) {
		return new Article(headline, null, LocalDate.of(year, 6, 1), LocalDateTime.of(year, 6, 1, 12, 0), rating);
	}

	private static List<String> headlines(CompletableFuture<List<Article>> rows) {
		return rows.join().stream().map(Article::getHeadline).toList();
	}

	private static String headline(CompletableFuture<?> row) {
		Object value = row.join();
		return ((Article) ((value instanceof Optional<?> optional) ? optional.orElseThrow() : value)).getHeadline();
	}

	@Test
	void listUsesTheModelDefaultOrdering() {
		assertThat(headlines(this.articles.list())).containsExactly("Alpha", "Bravo", "Charlie", "Delta");
		assertThat(headlines(this.articles.all().list())).containsExactly("Alpha", "Bravo", "Charlie", "Delta");
	}

	@Test
	void orderByReplacesTheOrderAndDescendsWithAMinus() {
		assertThat(headlines(this.articles.orderBy("-rating").list())).containsExactly("Alpha", "Charlie", "Bravo", "Delta");
		assertThat(headlines(this.articles.orderBy("pubDate").list())).containsExactly("Charlie", "Bravo", "Delta", "Alpha");
		assertThat(headlines(this.articles.orderBy("-pk").list())).containsExactly("Charlie", "Delta", "Alpha", "Bravo");
	}

	@Test
	void randomOrderReturnsEveryRow() {
		assertThat(headlines(this.articles.orderBy("?").list())).containsExactlyInAnyOrder("Alpha", "Bravo", "Charlie",
				"Delta");
	}

	@Test
	void slicesTakeRowsFromStartToEnd() {
		AsyncQuerySet<Article> byPk = this.articles.orderBy("pk");
		assertThat(headlines(byPk.slice(1, 3).list())).containsExactly("Alpha", "Delta");
		assertThat(headlines(byPk.limit(2).list())).containsExactly("Bravo", "Alpha");
		assertThat(headlines(byPk.offset(3).list())).containsExactly("Charlie");
		assertThat(headlines(byPk.slice(1, 3).offset(1).list())).containsExactly("Delta");
		assertThat(headlines(byPk.slice(1, 3).slice(0, 10).list())).containsExactly("Alpha", "Delta");
		assertThat(headlines(byPk.slice(2, 2).list())).isEmpty();
		assertThat(headlines(byPk.offset(10).list())).isEmpty();
	}

	@Test
	void badSlicesFailAtBuildTime() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.articles.slice(-1, 2))
			.withMessage("Negative indexing is not supported.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.articles.slice(3, 1))
			.withMessage("Slice end 1 is before its start 3.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.articles.limit(-2));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.articles.item(-1));
	}

	@Test
	void aSlicedQuerysetCannotBeFilteredOrReordered() {
		AsyncQuerySet<Article> sliced = this.articles.limit(2);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> sliced.filter("rating", 1))
			.withMessage("Cannot filter a query once a slice has been taken.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> sliced.exclude("rating", 1));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> sliced.orderBy("rating"))
			.withMessage("Cannot reorder a query once a slice has been taken.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(sliced::last);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> sliced.latest("pubDate"));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(sliced.all()::delete)
			.withMessage("Cannot use 'limit' or 'offset' with delete().");
	}

	@Test
	void getReturnsTheOneMatchingRow() {
		assertThat(this.articles.get("headline", "Delta")).succeedsWithin(TIMEOUT)
			.extracting(Article::getRating)
			.isEqualTo(1);
		assertThat(this.articles.filter("rating__gte", 5).get()).succeedsWithin(TIMEOUT)
			.extracting(Article::getHeadline)
			.isEqualTo("Alpha");
		assertThat(this.articles.get("pk", this.first.getId())).succeedsWithin(TIMEOUT)
			.extracting(Article::getHeadline)
			.isEqualTo("Bravo");
	}

	@Test
	void getByPrimaryKeyReadsTheRowByItsKeyHoweverItIsNamed() {
		long id = this.first.getId();
		for (AsyncQuerySet<Article> queryset : List.of(this.articles.all(), this.articles.orderBy("-rating").distinct())) {
			for (String lookup : List.of("pk", "pk__exact", "id", "id__exact")) {
				assertThat(queryset.get(lookup, id)).succeedsWithin(TIMEOUT).extracting(Article::getHeadline).isEqualTo("Bravo");
			}
		}
		assertThat(this.articles.get("pk", (int) id)).succeedsWithin(TIMEOUT).extracting(Article::getId).isEqualTo(id);
		assertThat(this.articles.get("pk", String.valueOf(id))).succeedsWithin(TIMEOUT).extracting(Article::getId).isEqualTo(id);
		assertThat(this.articles.get(Map.of("pk", id))).succeedsWithin(TIMEOUT).extracting(Article::getId).isEqualTo(id);
		assertThat(this.articles.filter("rating", 99).get("pk", id)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
		assertThat(this.articles.get("pk", id + 1000)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class)
			.withMessageContaining("Article matching query does not exist.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.articles.get("pk", "x"))
			.withMessageContaining("pk");
	}

	@Test
	void getByPrimaryKeyHidesWhatTheModelsRestrictionHides() {
		Memo kept = persist(new Memo("kept", false));
		Memo archived = persist(new Memo("archived", true));
		assertThat(this.memos.get("pk", kept.getId())).succeedsWithin(TIMEOUT).extracting(Memo::getText).isEqualTo("kept");
		assertThat(this.memos.get("pk", archived.getId())).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
		assertThat(this.memos.filter("pk", archived.getId()).exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
	}

	@Test
	void getFailsWhenNoRowMatches() {
		assertThat(this.articles.get("rating", 99)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class)
			.withMessageContaining("Article matching query does not exist.");
		assertThat(this.articles.none().get()).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
	}

	@Test
	void getFailsWhenSeveralRowsMatchCountingUpToTwentyOne() {
		assertThat(this.articles.get("rating__gte", 3)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(MultipleObjectsReturnedException.class)
			.withMessageContaining("get() returned more than one Article -- it returned 3!");
		for (int i = 0; i < 25; i++) {
			persist(new Tag("tag" + i));
		}
		assertThat(this.tags.get()).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(MultipleObjectsReturnedException.class)
			.withMessageContaining("get() returned more than one Tag -- it returned more than 20!");
	}

	@Test
	void itemIndexesTheOrderedRows() {
		assertThat(headline(this.articles.item(0))).isEqualTo("Alpha");
		assertThat(headline(this.articles.orderBy("-rating").item(1))).isEqualTo("Charlie");
		assertThat(headline(this.articles.orderBy("pk").slice(1, 3).item(1))).isEqualTo("Delta");
		assertThat(this.articles.item(4)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
		assertThat(this.articles.limit(2).item(2)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
	}

	@Test
	void firstAndLastFollowTheOrderElseThePrimaryKey() {
		assertThat(headline(this.articles.first())).isEqualTo("Alpha");
		assertThat(headline(this.articles.last())).isEqualTo("Delta");
		assertThat(headline(this.articles.orderBy().first())).isEqualTo("Bravo");
		assertThat(headline(this.articles.orderBy().last())).isEqualTo("Charlie");
		assertThat(headline(this.articles.orderBy("-rating").first())).isEqualTo("Alpha");
		assertThat(headline(this.articles.orderBy("-rating").last())).isEqualTo("Delta");
		assertThat(headline(this.articles.orderBy("pk").offset(1).first())).isEqualTo("Alpha");
	}

	@Test
	void firstAndLastOfNothingAreEmpty() {
		assertThat(this.articles.filter("rating", 99).first()).succeedsWithin(TIMEOUT).isEqualTo(Optional.empty());
		assertThat(this.articles.filter("rating", 99).last()).succeedsWithin(TIMEOUT).isEqualTo(Optional.empty());
		assertThat(this.articles.none().first()).succeedsWithin(TIMEOUT).isEqualTo(Optional.empty());
	}

	@Test
	void latestAndEarliestUseGetLatestByOrTheGivenFields() {
		assertThat(headline(this.articles.latest())).isEqualTo("Alpha");
		assertThat(headline(this.articles.earliest())).isEqualTo("Charlie");
		assertThat(headline(this.articles.latest("rating"))).isEqualTo("Alpha");
		assertThat(headline(this.articles.earliest("rating"))).isEqualTo("Delta");
		assertThat(headline(this.articles.latest("-rating"))).isEqualTo("Delta");
		assertThat(headline(this.articles.filter("rating__lt", 5).latest())).isEqualTo("Delta");
	}

	@Test
	void latestOfNothingFailsAndLatestWithoutFieldsNeedsGetLatestBy() {
		assertThat(this.articles.filter("rating", 99).latest()).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class)
			.withMessageContaining("Article matching query does not exist.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> this.tags.latest())
			.withMessageContaining("earliest() and latest() require either fields as arguments or 'getLatestBy'");
	}

	@Test
	void countAndExistsSeeTheSlice() {
		assertThat(this.articles.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThat(this.articles.filter("rating__gt", 2).count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(this.articles.slice(1, 3).count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(this.articles.offset(3).count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
		assertThat(this.articles.offset(9).count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		assertThat(this.articles.limit(9).count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThat(this.articles.exists()).succeedsWithin(TIMEOUT).isEqualTo(true);
		assertThat(this.articles.filter("rating", 99).exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
		assertThat(this.articles.offset(3).exists()).succeedsWithin(TIMEOUT).isEqualTo(true);
		assertThat(this.articles.offset(4).exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
		assertThat(this.articles.limit(0).exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
	}

	@Test
	void noneMatchesNothingWithoutQuerying() {
		this.recorder.reset();
		assertThat(this.articles.none().list()).succeedsWithin(TIMEOUT).isEqualTo(List.of());
		assertThat(this.articles.none().count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		assertThat(this.articles.none().exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
		assertThat(this.articles.filter("rating", 1).none().update(java.util.Map.of("rating", 2)))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(0L);
		assertThat(this.recorder.sql()).isEmpty();
	}

	@Test
	void aQuerysetKeepsNoResultCache() {
		AsyncQuerySet<Article> all = this.articles.all();
		assertThat(all.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		persist(article("Echo", 2018, 2));
		assertThat(all.count()).succeedsWithin(TIMEOUT).isEqualTo(5L);
	}

	@Test
	void returnedEntitiesAreDetached() {
		Article alpha = this.articles.get("headline", "Alpha").join();
		assertThat(this.entityManager.contains(alpha)).isFalse();
	}

}
