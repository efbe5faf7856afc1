package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.asyncorm.AsyncOrm;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each operation sends the statements it needs and no more: single-statement reads run in
 * autocommit, without BEGIN/COMMIT; a create is one INSERT in one transaction.
 */
class RoundTripIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private TagRepository tags;

	@Autowired
	private AsyncOrm asyncOrm;

	@BeforeEach
	void seed() {
		persist(new Article("One", null, LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0), 1));
		persist(new Article("Two", null, LocalDate.of(2024, 1, 2), LocalDateTime.of(2024, 1, 2, 0, 0), 2));
		this.recorder.reset();
	}

	private void assertOneSelectWithoutTransaction(CompletableFuture<?> operation) {
		assertThat(operation).succeedsWithin(TIMEOUT);
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("select");
		assertThat(this.recorder.transactionEvents()).isEmpty();
		assertThat(this.recorder.statements()).allSatisfy((statement) -> assertThat(statement.thread()).startsWith("async-orm-"));
		this.recorder.reset();
	}

	@Test
	void getIsOneSelect() {
		assertOneSelectWithoutTransaction(this.articles.get("headline", "One"));
	}

	@Test
	void getByPrimaryKeyIsOneSelectWithoutLimit() {
		long id = this.articles.get("headline", "Two").join().getId();
		this.recorder.reset();
		assertOneSelectWithoutTransaction(this.articles.get("pk", id));
		assertOneSelectWithoutTransaction(this.articles.get("pk", id));
	}

	@Test
	void getByPrimaryKeyInsideAtomicReadsInTheTransaction() {
		long id = this.articles.get("headline", "Two").join().getId();
		this.recorder.reset();
		assertThat(this.asyncOrm.atomic(() -> {
			Article article = this.articles.get("pk", id).join();
			article.setHeadline("Deux");
			return this.entityManager.contains(article);
		})).succeedsWithin(TIMEOUT).isEqualTo(true);
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.articles.get("pk", id).join().getHeadline()).isEqualTo("Deux");
	}

	@Test
	void countIsOneSelectThatLoadsNoRow() {
		assertOneSelectWithoutTransaction(this.articles.count());
		assertOneSelectWithoutTransaction(this.articles.slice(1, 2).count());
		assertThat(this.articles.count().join()).isEqualTo(2L);
		assertThat(this.recorder.sql()).singleElement().asString().containsIgnoringCase("count(");
	}

	@Test
	void existsIsOneSelectOfAnId() {
		assertOneSelectWithoutTransaction(this.articles.exists());
	}

	@Test
	void firstIsOneSelect() {
		assertOneSelectWithoutTransaction(this.articles.first());
		assertOneSelectWithoutTransaction(this.articles.last());
	}

	@Test
	void listIsOneSelect() {
		assertOneSelectWithoutTransaction(this.articles.filter("rating__gte", 1).list());
	}

	@Test
	void createIsOneInsertInOneTransaction() {
		assertThat(this.tags.create(new dev.asyncorm.it.Tag("t"))).succeedsWithin(TIMEOUT);
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("insert");
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
	}

	@Test
	void queryUpdateIsOneUpdateInOneTransaction() {
		assertThat(this.articles.all().update(java.util.Map.of("rating", 3))).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("update");
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
	}

}
