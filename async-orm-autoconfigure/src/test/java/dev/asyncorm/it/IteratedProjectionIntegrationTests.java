package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import dev.asyncorm.Aggregate;
import dev.asyncorm.InvalidLookupException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code iterator()} of everything that lists: {@code values}, {@code valuesList} and {@code as}
 * rows streamed in keyset chunks, entities whose {@code prefetchRelated} relations are loaded
 * chunk by chunk, and Django's {@code story_set} prefetched for the related manager.
 */
class IteratedProjectionIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ReadingRepository readings;

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private ReporterRepository reporters;

	@Autowired
	private PublicationRepository publications;

	/** The columns of {@code as(SiteScore.class)}. */
	record SiteScore(String site, int score) {
	}

	/** Readings by id: (a,0) (b,1) (a,2) (b,0) (a,1) (b,2) (a,0). */
	@BeforeEach
	void seed() {
		this.transactionTemplate.executeWithoutResult(
				(status) -> this.entityManager.createQuery("delete from Reading").executeUpdate());
		for (int i = 0; i < 7; i++) {
			persist(new Reading((i % 2 == 0) ? "a" : "b", i % 3, LocalDateTime.of(2024, 5, 6, 7, 8).plusSeconds(i)));
		}
		this.recorder.reset();
	}

	private static <R> List<R> collect(Flow.Publisher<R> publisher) {
		List<R> items = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> done = new CompletableFuture<>();
		publisher.subscribe(new Flow.Subscriber<R>() {

			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(R item) {
				items.add(item);
			}

			@Override
			public void onError(Throwable throwable) {
				done.completeExceptionally(throwable);
			}

			@Override
			public void onComplete() {
				done.complete(null);
			}

		});
		assertThat(done).succeedsWithin(TIMEOUT);
		return new ArrayList<>(items);
	}

	private long selects() {
		return this.recorder.sql().stream()
			.filter((sql) -> sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("select"))
			.count();
	}

	@Test
	void valuesStreamInTheirOrderWithOneSelectPerChunkAndNoKeyColumns() {
		List<Map<String, Object>> rows = collect(this.readings.orderBy("site", "-score").values("site", "score").iterator(3));
		assertThat(rows).containsExactly(Map.of("site", "a", "score", 2), Map.of("site", "a", "score", 1),
				Map.of("site", "a", "score", 0), Map.of("site", "a", "score", 0), Map.of("site", "b", "score", 2),
				Map.of("site", "b", "score", 1), Map.of("site", "b", "score", 0));
		assertThat(rows).allSatisfy((row) -> assertThat(row.keySet()).containsExactly("site", "score"));
		// 3 + 3 + 1: a short chunk is the last one.
		assertThat(selects()).isEqualTo(3);
		assertThat(this.recorder.transactionEvents()).isEmpty();
	}

	@Test
	void valuesListStreamsByPrimaryKeyWithoutAnOrder() {
		assertThat(collect(this.readings.valuesList("site", "score").iterator(2))).containsExactly(List.of("a", 0),
				List.of("b", 1), List.of("a", 2), List.of("b", 0), List.of("a", 1), List.of("b", 2), List.of("a", 0));
		// 2 + 2 + 2 + 1
		assertThat(selects()).isEqualTo(4);
	}

	@Test
	void flatValuesListStreamsConvertedValues() {
		assertThat(collect(this.readings.orderBy("-score").valuesList("score", Long.class).iterator(7)))
			.containsExactly(2L, 2L, 1L, 1L, 0L, 0L, 0L);
		// a full chunk takes one more SELECT to find the end
		assertThat(selects()).isEqualTo(2);
	}

	@Test
	void recordProjectionsStreamAndForEachReadsThemToo() {
		assertThat(collect(this.readings.filter("site", "b").as(SiteScore.class).iterator(1)))
			.containsExactly(new SiteScore("b", 1), new SiteScore("b", 0), new SiteScore("b", 2));
		assertThat(selects()).isEqualTo(4);
		List<SiteScore> seen = new CopyOnWriteArrayList<>();
		assertThat(this.readings.orderBy("score").slice(1, 4).as(SiteScore.class).forEach(seen::add))
			.succeedsWithin(TIMEOUT);
		assertThat(seen).containsExactly(new SiteScore("b", 0), new SiteScore("a", 0), new SiteScore("b", 1));
	}

	@Test
	void projectionsThatAreNotOneRowPerModelRowAreRefused() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.readings.values("site").annotate("n", Aggregate.count("pk")).iterator())
			.withMessage("iterator() of values(), valuesList() or as() reads one row per Reading by keyset; the groups "
					+ "of annotate() are not such rows. Read them with list().");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.readings.values("site").distinct().forEach((row) -> { }))
			.withMessage("forEach() of values(), valuesList() or as() reads one row per Reading by keyset; distinct() "
					+ "rows are not such rows. Read them with list().");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.valuesList("name", "toppings__name").iterator())
			.withMessage("iterator() of values(), valuesList() or as() reads one row per Pizza by keyset; "
					+ "'toppings__name' repeats a row for each related row. Read them with list().");
	}

	@Test
	void prefetchedRelationsAreLoadedChunkByChunkWithOneQueryPerRelation() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		Box small = persist(new Box("small"));
		for (String name : new String[] { "diavola", "funghi", "margherita", "plain" }) {
			Pizza pizza = new Pizza(name, name.equals("plain") ? null : small);
			if (!name.equals("plain")) {
				pizza.getToppings().add(cheese);
			}
			if (name.equals("margherita")) {
				pizza.getToppings().add(tomato);
			}
			persist(pizza);
		}
		this.recorder.reset();
		List<Pizza> rows = collect(this.pizzas.orderBy("name").prefetchRelated("toppings", "box").iterator(3));
		assertThat(rows).extracting(Pizza::getName).containsExactly("diavola", "funghi", "margherita", "plain");
		assertThat(rows).extracting((pizza) -> pizza.getToppings().stream().map(Topping::getName).sorted().toList())
			.containsExactly(List.of("cheese"), List.of("cheese"), List.of("cheese", "tomato"), List.of());
		assertThat(rows).extracting((pizza) -> (pizza.getBox() != null) ? pizza.getBox().getName() : null)
			.containsExactly("small", "small", "small", null);
		// two chunks (3 + 1), each one SELECT and one per prefetched relation
		assertThat(selects()).isEqualTo(6);
	}

	/**
	 * {@code prefetchRelated("story_set")} on a model that does not map the relation reads the
	 * stories with one more query (per chunk when iterating); the related manager's
	 * {@code list()} answers from them without a query, for the instances read so.
	 */
	@Test
	void unmappedReverseSetsArePrefetchedAndAnswerTheRelatedManagersList() {
		Reporter alice = persist(new Reporter("alice"));
		Reporter bob = persist(new Reporter("bob"));
		persist(new Reporter("carol"));
		Story first = persist(new Story("first", alice));
		Story third = persist(new Story("third", bob));
		Story second = persist(new Story("second", alice));
		this.recorder.reset();
		List<Reporter> listed = this.reporters.prefetchRelated("story_set").list().join();
		assertThat(listed).extracting(Reporter::getName).containsExactly("alice", "bob", "carol");
		assertThat(selects()).isEqualTo(2);
		this.recorder.reset();
		List<Reporter> streamed = collect(this.reporters.orderBy("name").prefetchRelated("story_set").iterator(2));
		assertThat(streamed).extracting(Reporter::getName).containsExactly("alice", "bob", "carol");
		// two chunks (2 + 1), each one SELECT and one for the stories
		assertThat(selects()).isEqualTo(4);
		for (List<Reporter> reporters : List.of(listed, streamed)) {
			this.recorder.reset();
			List<List<Long>> stories = reporters.stream()
				.map((reporter) -> this.reporters.<Story>related(reporter, "story_set").list().join().stream()
					.map(Story::getId)
					.toList())
				.toList();
			assertThat(stories).containsExactly(List.of(first.getId(), second.getId()), List.of(third.getId()), List.of());
			assertThat(this.recorder.sql()).isEmpty();
		}
		Story read = this.reporters.<Story>related(listed.get(0), "story_set").list().join().get(0);
		assertThat(read.getHeadline()).isEqualTo("first");
		assertThat(read.getReporter()).isNotSameAs(listed.get(0));
		// Another queryset of the manager, or an instance read without the prefetch, reads the database.
		this.recorder.reset();
		assertThat(this.reporters.<Story>related(listed.get(0), "story_set").orderBy("-headline").list())
			.succeedsWithin(TIMEOUT)
			.extracting((rows) -> rows.stream().map(Story::getHeadline).toList())
			.isEqualTo(List.of("second", "first"));
		assertThat(this.reporters.<Story>related(this.reporters.get("name", "bob").join(), "story_set").list())
			.succeedsWithin(TIMEOUT)
			.extracting((rows) -> rows.stream().map(Story::getHeadline).toList())
			.isEqualTo(List.of("third"));
		assertThat(selects()).isEqualTo(3);
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.reporters.prefetchRelated("article_set"))
			.withMessageStartingWith("Cannot find 'article_set' on Reporter object, 'article_set' is an invalid "
					+ "parameter to prefetchRelated()");
	}

	/** The {@code paper_set} of a publication is the many-to-many that only {@code Paper} maps. */
	@Test
	void unmappedManyToManySetsArePrefetchedToo() {
		Publication nature = persist(new Publication("Nature"));
		Publication science = persist(new Publication("Science"));
		Paper dna = new Paper("DNA");
		dna.getPublications().addAll(List.of(nature, science));
		persist(dna);
		Paper genome = new Paper("Genome");
		genome.getPublications().add(nature);
		persist(genome);
		this.recorder.reset();
		List<Publication> listed = this.publications.orderBy("title").prefetchRelated("paper_set").list().join();
		assertThat(selects()).isEqualTo(2);
		this.recorder.reset();
		assertThat(listed).extracting((publication) -> this.publications.<Paper>related(publication, "paper_set").list()
			.join()
			.stream()
			.map(Paper::getTitle)
			.toList())
			.containsExactly(List.of("DNA", "Genome"), List.of("DNA"));
		assertThat(this.recorder.sql()).isEmpty();
	}

}
