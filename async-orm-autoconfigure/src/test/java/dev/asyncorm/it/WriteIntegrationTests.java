package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import dev.asyncorm.CreateResult;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.F;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.ObjectDoesNotExistException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * create, save, delete, refresh, queryset update and delete, getOrCreate and updateOrCreate.
 */
class WriteIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private TagRepository tags;

	@Autowired
	private AuthorRepository authors;

	@Autowired
	private BookJpaRepository books;

	private static Article article(String headline, int rating) {
		return new Article(headline, null, LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 8, 0), rating);
	}

	private Article reload(Long id) {
		return this.articles.get("pk", id).join();
	}

	@Test
	void createInsertsAndSetsTheIdOnTheInstance() {
		Tag tag = new Tag("java");
		assertThat(this.tags.create(tag)).succeedsWithin(TIMEOUT).isSameAs(tag);
		assertThat(tag.getId()).isNotNull();
		assertThat(this.tags.get("name", "java")).succeedsWithin(TIMEOUT).extracting(Tag::getId).isEqualTo(tag.getId());
	}

	@Test
	void createFromAMapConvertsValues() {
		Article created = this.articles
			.create(Map.of("headline", "From map", "rating", "7", "pubDate", "2024-02-29"))
			.join();
		assertThat(created.getId()).isNotNull();
		Article row = reload(created.getId());
		assertThat(row.getRating()).isEqualTo(7);
		assertThat(row.getPubDate()).isEqualTo(LocalDate.of(2024, 2, 29));
	}

	@Test
	void createRefusesUnknownFieldsAtCallTime() {
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.create(Map.of("headlin", "x")))
			.withMessageContaining("Cannot resolve keyword 'headlin' into field of Article");
	}

	@Test
	void createOfAnExistingRowFailsWithDataIntegrityViolation() {
		Tag tag = this.tags.create(new Tag("unique")).join();
		assertThat(this.tags.create(new Tag("unique"))).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		Tag again = new Tag("other");
		again.setId(tag.getId());
		assertThat(this.tags.create(again)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
	}

	@Test
	void saveInsertsNewAndUpdatesExistingEntities() {
		Article article = article("Saved", 1);
		this.articles.save(article).join();
		assertThat(article.getId()).isNotNull();
		article.setHeadline("Saved again");
		Article saved = this.articles.save(article).join();
		assertThat(saved.getHeadline()).isEqualTo("Saved again");
		assertThat(reload(article.getId()).getHeadline()).isEqualTo("Saved again");
		assertThat(this.articles.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
	}

	@Test
	void saveWithUpdateFieldsWritesOnlyThoseFields() {
		Article article = persist(article("Original", 1));
		article.setHeadline("Changed in memory only");
		article.setRating(9);
		assertThat(this.articles.save(article, "rating")).succeedsWithin(TIMEOUT).isSameAs(article);
		Article row = reload(article.getId());
		assertThat(row.getRating()).isEqualTo(9);
		assertThat(row.getHeadline()).isEqualTo("Original");
	}

	@Test
	void saveWithUpdateFieldsFailsWhenTheRowIsGone() {
		Article article = persist(article("Gone", 1));
		this.articles.delete(article).join();
		assertThat(this.articles.save(article, "rating")).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class)
			.withMessageContaining("did not affect any rows");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.save(article("New", 1), "rating"))
			.withMessage("Cannot force an update in save() with no primary key.");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.articles.save(article, "ratin"));
	}

	@Test
	void deleteRemovesTheRowAndCountsIt() {
		Tag tag = persist(new Tag("doomed"));
		persist(new Tag("kept"));
		assertThat(this.tags.delete(tag)).succeedsWithin(TIMEOUT).isEqualTo(new DeleteResult(1, Map.of("Tag", 1L)));
		assertThat(this.tags.delete(tag)).succeedsWithin(TIMEOUT).isEqualTo(new DeleteResult(0, Map.of()));
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.tags.delete(new Tag("unsaved")))
			.withMessage("Tag object can't be deleted because its id is null.");
	}

	@Test
	void deleteCascadesAsTheMappingSaysAndCountsPerModel() {
		Author author = new Author("Tolkien");
		author.getBooks().add(new Book("The Hobbit", author));
		author.getBooks().add(new Book("The Silmarillion", author));
		persist(author);
		Author other = new Author("Le Guin");
		other.getBooks().add(new Book("Earthsea", other));
		persist(other);
		assertThat(this.authors.delete(author)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(3, Map.of("Book", 2L, "Author", 1L)));
		assertThat(this.books.count()).isEqualTo(1);
		assertThat(this.authors.all().delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(2, Map.of("Book", 1L, "Author", 1L)));
		assertThat(this.books.count()).isZero();
	}

	@Test
	void querysetDeleteRemovesTheMatchingRowsInOneStatement() {
		persist(new Tag("a1"));
		persist(new Tag("a2"));
		persist(new Tag("b1"));
		this.recorder.reset();
		assertThat(this.tags.filter("name__startswith", "a").delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(2, Map.of("Tag", 2L)));
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("delete");
		assertThat(this.tags.filter("name__startswith", "a").delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(0, Map.of()));
		assertThat(this.tags.list().join()).extracting(Tag::getName).containsExactly("b1");
	}

	@Test
	void refreshReloadsTheInstanceInPlace() {
		Article article = persist(article("Fresh", 3));
		this.articles.filter("pk", article.getId()).update(Map.of("rating", 8)).join();
		article.setHeadline("Stale");
		assertThat(this.articles.refresh(article)).succeedsWithin(TIMEOUT).isSameAs(article);
		assertThat(article.getHeadline()).isEqualTo("Fresh");
		assertThat(article.getRating()).isEqualTo(8);
		this.articles.delete(article).join();
		assertThat(this.articles.refresh(article)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
	}

	@Test
	void updateSetsValuesAndFExpressionsAndReturnsRowsMatched() {
		Article a = persist(article("A", 1));
		Article b = persist(article("B", 2));
		persist(article("C", 3));
		assertThat(this.articles.filter("rating__lte", 2).update(Map.of("rating", F.of("rating").plus(10))))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(2L);
		assertThat(reload(a.getId()).getRating()).isEqualTo(11);
		assertThat(reload(b.getId()).getRating()).isEqualTo(12);
		// Rows matched, not rows changed: MariaDB's client reports matched rows as Django expects.
		assertThat(this.articles.filter("headline", "C").update(Map.of("rating", 3))).succeedsWithin(TIMEOUT)
			.isEqualTo(1L);
		java.util.Map<String, Object> nulls = new java.util.HashMap<>();
		nulls.put("body", null);
		assertThat(this.articles.all().update(nulls)).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.all().update(Map.of("ratin", 1)));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.limit(1).update(Map.of("rating", 1)))
			.withMessage("Cannot update a query once a slice has been taken.");
	}

	@Test
	void getOrCreateCreatesOnceThenGets() {
		AtomicInteger supplied = new AtomicInteger();
		Supplier<Integer> uses = () -> supplied.incrementAndGet() * 10;
		CreateResult<Tag> created = this.tags.getOrCreate(Map.of("name", "spring"), Map.of("uses", uses)).join();
		assertThat(created.created()).isTrue();
		assertThat(created.object().getUses()).isEqualTo(10);
		CreateResult<Tag> found = this.tags.getOrCreate(Map.of("name", "spring"), Map.of("uses", uses)).join();
		assertThat(found.created()).isFalse();
		assertThat(found.object().getId()).isEqualTo(created.object().getId());
		assertThat(supplied).hasValue(1);
		assertThat(this.tags.getOrCreate(Map.of("name__iexact", "SPRING")).join().created()).isFalse();
	}

	@Test
	void getOrCreateFailsWhenSeveralRowsMatch() {
		persist(new Tag("x1"));
		persist(new Tag("x2"));
		assertThat(this.tags.getOrCreate(Map.of("name__startswith", "x"))).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(dev.asyncorm.MultipleObjectsReturnedException.class);
	}

	@Test
	void getOrCreateIsRaceSafe() {
		List<CompletableFuture<CreateResult<Tag>>> calls = IntStream.range(0, 32)
			.mapToObj((i) -> this.tags.getOrCreate(Map.of("name", "race"), Map.of("uses", i)))
			.toList();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
		List<CreateResult<Tag>> results = calls.stream().map(CompletableFuture::join).toList();
		assertThat(results).filteredOn(CreateResult::created).hasSize(1);
		Set<Long> ids = new HashSet<>();
		results.forEach((result) -> ids.add(result.object().getId()));
		assertThat(ids).hasSize(1);
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
	}

	@Test
	void updateOrCreateUpdatesTheFoundRowOrCreatesIt() {
		CreateResult<Tag> created = this.tags
			.updateOrCreate(Map.of("name", "kotlin"), Map.of("uses", 1), Map.of("uses", 100))
			.join();
		assertThat(created.created()).isTrue();
		assertThat(created.object().getUses()).isEqualTo(100);
		CreateResult<Tag> updated = this.tags
			.updateOrCreate(Map.of("name", "kotlin"), Map.of("uses", 2), Map.of("uses", 100))
			.join();
		assertThat(updated.created()).isFalse();
		assertThat(updated.object().getId()).isEqualTo(created.object().getId());
		assertThat(this.tags.get("name", "kotlin")).succeedsWithin(TIMEOUT).extracting(Tag::getUses).isEqualTo(2);
		assertThat(this.tags.updateOrCreate(Map.of("name", "scala"), Map.of("uses", 5)).join().object().getUses())
			.isEqualTo(5);
	}

	@Test
	void updateOrCreateIsRaceSafe() {
		List<CompletableFuture<CreateResult<Tag>>> calls = IntStream.range(0, 32)
			.mapToObj((i) -> this.tags.updateOrCreate(Map.of("name", "contested"), Map.of("uses", i)))
			.toList();
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
		assertThat(calls.stream().map(CompletableFuture::join)).filteredOn(CreateResult::created).hasSize(1);
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
	}

}
