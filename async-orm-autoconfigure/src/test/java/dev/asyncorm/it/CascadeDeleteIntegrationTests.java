package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.asyncorm.DeleteResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting counts every row that goes with the deleted ones, per model, as Django's collector
 * does: {@code cascade = REMOVE}, {@code orphanRemoval}, one-to-ones on either side and
 * {@code ON DELETE CASCADE} keys, with a number of statements that grows with the models, not the rows.
 */
class CascadeDeleteIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private NewsroomRepository newsrooms;

	@Autowired
	private AuthorRepository authors;

	@Autowired
	private BulletinRepository bulletins;

	@BeforeEach
	void emptyNewsrooms() {
		this.transactionTemplate.executeWithoutResult((status) -> {
			for (String entity : new String[] { "Correction", "Dispatch", "Notice", "Charter", "Newsroom", "Badge", "Bulletin" }) {
				this.entityManager.createQuery("delete from " + entity).executeUpdate();
			}
		});
	}

	private long count(String entity) {
		return this.entityManager.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
	}

	/** A newsroom with a badge, a charter, two notices and two dispatches, the first with two corrections. */
	private Newsroom fullNewsroom(String name) {
		Newsroom newsroom = persist(new Newsroom(name, persist(new Badge(name + " badge"))));
		persist(new Charter(name + " charter", newsroom));
		persist(new Notice(name + " notice 1", newsroom));
		persist(new Notice(name + " notice 2", newsroom));
		Dispatch first = persist(new Dispatch(name + " dispatch 1", newsroom));
		persist(new Dispatch(name + " dispatch 2", newsroom));
		persist(new Correction(name + " correction 1", first));
		persist(new Correction(name + " correction 2", first));
		return newsroom;
	}

	@Test
	void deletingARowCountsTheChildrenItsOnDeleteCascadeKeyTakes() {
		Newsroom daily = persist(new Newsroom("daily", null));
		persist(new Dispatch("one", daily));
		persist(new Dispatch("two", daily));
		Newsroom weekly = persist(new Newsroom("weekly", null));
		persist(new Dispatch("three", weekly));
		this.recorder.reset();
		assertThat(this.newsrooms.delete(daily)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(3, Map.of("Dispatch", 2L, "Newsroom", 1L)));
		// the badge key and the dispatch ids read, then charters, notices, corrections, dispatches, the newsroom
		assertThat(this.recorder.sql()).hasSize(7)
			.filteredOn((sql) -> sql.regionMatches(true, 0, "delete", 0, 6)).hasSize(5);
		assertThat(count("Dispatch")).isOne();
		assertThat(this.newsrooms.valuesList("name", String.class).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of("weekly"));
	}

	@Test
	void deletingARowCountsEveryKindOfCascadePerModel() {
		Newsroom daily = fullNewsroom("daily");
		fullNewsroom("weekly");
		this.recorder.reset();
		assertThat(this.newsrooms.delete(daily)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(9, Map.of("Correction", 2L, "Dispatch", 2L, "Notice", 2L, "Charter", 1L,
					"Newsroom", 1L, "Badge", 1L)));
		assertThat(this.recorder.sql()).hasSize(8);
		assertThat(this.recorder.sql()).filteredOn((sql) -> sql.regionMatches(true, 0, "select", 0, 6)).hasSize(2);
		for (String entity : new String[] { "Correction", "Dispatch", "Notice", "Charter", "Newsroom", "Badge" }) {
			assertThat(count(entity)).as(entity).isEqualTo(entity.equals("Correction") || entity.equals("Dispatch")
					|| entity.equals("Notice") ? 2 : 1);
		}
	}

	@Test
	void querysetDeleteSendsOneStatementPerModelWhateverTheRows() {
		for (int i = 0; i < 5; i++) {
			fullNewsroom("newsroom " + i);
		}
		this.recorder.reset();
		assertThat(this.newsrooms.all().delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(45, Map.of("Correction", 10L, "Dispatch", 10L, "Notice", 10L, "Charter", 5L,
					"Newsroom", 5L, "Badge", 5L)));
		assertThat(this.recorder.sql()).hasSize(9);
		for (String entity : new String[] { "Correction", "Dispatch", "Notice", "Charter", "Newsroom", "Badge" }) {
			assertThat(count(entity)).as(entity).isZero();
		}
		assertThat(this.newsrooms.all().delete()).succeedsWithin(TIMEOUT).isEqualTo(new DeleteResult(0, Map.of()));
	}

	@Test
	void filteredDeleteTakesOnlyTheMatchingRowsChildren() {
		fullNewsroom("daily");
		fullNewsroom("weekly");
		persist(new Newsroom("monthly", null));
		assertThat(this.newsrooms.filter("name__in", List.of("weekly", "monthly")).delete())
			.succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(10, Map.of("Correction", 2L, "Dispatch", 2L, "Notice", 2L, "Charter", 1L,
					"Newsroom", 2L, "Badge", 1L)));
		assertThat(this.newsrooms.valuesList("name", String.class).list()).succeedsWithin(TIMEOUT)
			.isEqualTo(List.of("daily"));
		assertThat(count("Correction")).isEqualTo(2);
	}

	@Test
	void cascadeRemoveDeletesTheChildrenInOneStatement() {
		Author author = new Author("Tolkien");
		author.getBooks().add(new Book("The Hobbit", author));
		author.getBooks().add(new Book("The Silmarillion", author));
		author.getBooks().add(new Book("Unfinished Tales", author));
		persist(author);
		this.recorder.reset();
		assertThat(this.authors.delete(author)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(4, Map.of("Book", 3L, "Author", 1L)));
		assertThat(this.recorder.sql()).hasSize(2);
	}

	@Test
	void rowsWithRemoveCallbacksAreRemovedAsEntitiesSoThatTheCallbacksRun() {
		persist(new Bulletin("one"));
		persist(new Bulletin("two"));
		Bulletin.REMOVED.set(0);
		assertThat(this.bulletins.all().delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(2, Map.of("Bulletin", 2L)));
		assertThat(Bulletin.REMOVED).hasValue(2);
	}

}
