package dev.asyncorm.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.asyncorm.AsyncQuerySet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code iterator()} ordered across to-one relations (a keyset over the joined columns and the
 * primary key, {@code NULL}s where the database sorts them) and over {@code unionAll()} (each
 * queryset in turn, by keyset): the rows, their order and the statements of the chunks.
 */
class KeysetAcrossRelationsIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private HamperRepository hampers;

	@Autowired
	private PizzaRepository pizzas;

	private final List<Long> ids = new ArrayList<>();

	@BeforeEach
	void seed() {
		this.transactionTemplate.executeWithoutResult((status) -> {
			for (String entity : new String[] { "Hamper", "Basket", "Weaver" }) {
				this.entityManager.createQuery("delete from " + entity).executeUpdate();
			}
		});
		Weaver zed = persist(new Weaver("zed", "york"));
		Weaver amy = persist(new Weaver("amy", "leeds"));
		Basket beta = persist(new Basket("beta", 2, amy));
		Basket alpha = persist(new Basket("alpha", 1, zed));
		// ids[0..5]: x(beta) y(alpha) z(none) w(alpha) v(beta) u(alpha)
		for (Hamper hamper : List.of(new Hamper("x", 5, beta), new Hamper("y", 1, alpha), new Hamper("z", 4, null),
				new Hamper("w", 3, alpha), new Hamper("v", 2, beta), new Hamper("u", 6, alpha))) {
			this.ids.add(persist(hamper).getId());
		}
		this.recorder.reset();
	}

	/** Whether the database sorts NULLs first in ascending order (H2, MariaDB), not last (PostgreSQL). */
	private static boolean nullsFirst() {
		return database() != TestDatabase.POSTGRES;
	}

	private List<Hamper> iterate(AsyncQuerySet<Hamper> queryset, int chunkSize) {
		IterationIntegrationTests.RecordingSubscriber<Hamper> subscriber = IterationIntegrationTests.RecordingSubscriber
			.subscribe(queryset.iterator(chunkSize), Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		return List.copyOf(subscriber.items);
	}

	private long selects() {
		return this.recorder.sql().stream()
			.filter((sql) -> sql.trim().toLowerCase(Locale.ROOT).startsWith("select"))
			.count();
	}

	private static List<String> labels(List<Hamper> rows) {
		return rows.stream().map(Hamper::getLabel).toList();
	}

	@Test
	void anOrderAcrossARelationIsFollowedChunkByChunk() {
		AsyncQuerySet<Hamper> ordered = this.hampers.orderBy("basket__name", "label");
		List<Hamper> rows = iterate(ordered, 2);
		List<String> named = List.of("u", "w", "y", "v", "x");
		List<String> expected = new ArrayList<>(named);
		expected.add(nullsFirst() ? 0 : expected.size(), "z");
		assertThat(labels(rows)).containsExactlyElementsOf(expected);
		// Six rows by two: three full chunks, then an empty one.
		assertThat(selects()).isEqualTo(4);
		assertThat(labels(ordered.list().join())).containsExactlyElementsOf(expected);
	}

	@Test
	void aDescendingOrderAcrossARelationPutsNullsWhereTheDatabaseDoes() {
		List<Hamper> rows = iterate(this.hampers.orderBy("-basket__name", "-label"), 4);
		List<String> expected = new ArrayList<>(List.of("x", "v", "y", "w", "u"));
		expected.add(nullsFirst() ? expected.size() : 0, "z");
		assertThat(labels(rows)).containsExactlyElementsOf(expected);
		assertThat(selects()).isEqualTo(2);
	}

	@Test
	void tiesOfTheJoinedValueAreBrokenByThePrimaryKey() {
		List<Hamper> rows = iterate(this.hampers.orderBy("basket__name"), 1);
		List<Long> expected = new ArrayList<>(List.of(this.ids.get(1), this.ids.get(3), this.ids.get(5),
				this.ids.get(0), this.ids.get(4)));
		expected.add(nullsFirst() ? 0 : expected.size(), this.ids.get(2));
		assertThat(rows).extracting(Hamper::getId).containsExactlyElementsOf(expected);
		assertThat(selects()).isEqualTo(7);
	}

	@Test
	void anOrderAlongAChainOfRelationsIsFollowed() {
		// amy weaves beta (x, v), zed weaves alpha (y, w, u); z has no basket.
		List<Hamper> rows = iterate(this.hampers.orderBy("basket__weaver__name", "-weight"), 3);
		List<String> expected = new ArrayList<>(List.of("x", "v", "u", "w", "y"));
		expected.add(nullsFirst() ? 0 : expected.size(), "z");
		assertThat(labels(rows)).containsExactlyElementsOf(expected);
		assertThat(selects()).isEqualTo(3);
	}

	@Test
	void anOrderAcrossARelationCombinesWithPartlyLoadedJoinedRows() {
		List<Hamper> rows = iterate(this.hampers.filter("basket__isnull", false).selectRelated("basket")
			.only("label", "basket__name")
			.orderBy("basket__name", "-label"), 2);
		assertThat(labels(rows)).containsExactly("y", "w", "u", "x", "v");
		assertThat(rows).extracting((row) -> row.getBasket().getName())
			.containsExactly("alpha", "alpha", "alpha", "beta", "beta");
		assertThat(rows).extracting(Hamper::getWeight).containsOnlyNulls();
		assertThat(selects()).isEqualTo(3);
	}

	@Test
	void projectedRowsFollowAnOrderAcrossARelation() {
		IterationIntegrationTests.RecordingSubscriber<String> subscriber = IterationIntegrationTests.RecordingSubscriber
			.subscribe(this.hampers.orderBy("basket__name", "label").valuesList("label", String.class).iterator(2),
					Long.MAX_VALUE);
		assertThat(subscriber.done).succeedsWithin(TIMEOUT);
		List<String> expected = new ArrayList<>(List.of("u", "w", "y", "v", "x"));
		expected.add(nullsFirst() ? 0 : expected.size(), "z");
		assertThat(subscriber.items).containsExactlyElementsOf(expected);
		assertThat(selects()).isEqualTo(4);
	}

	@Test
	void anOrderAcrossARelationCombinesWithWholeFetchedRows() {
		List<Hamper> rows = iterate(this.hampers.selectRelated("basket").orderBy("-basket__name", "label"), 4);
		List<String> expected = new ArrayList<>(List.of("v", "x", "u", "w", "y"));
		expected.add(nullsFirst() ? expected.size() : 0, "z");
		assertThat(labels(rows)).containsExactlyElementsOf(expected);
		assertThat(rows).filteredOn((row) -> row.getBasket() != null)
			.extracting((row) -> row.getBasket().getName() + ":" + row.getBasket().getSize())
			.containsExactly("beta:2", "beta:2", "alpha:1", "alpha:1", "alpha:1");
		assertThat(selects()).isEqualTo(2);
	}

	@Test
	void aUnionAllIsIteratedOneQuerysetAfterTheOther() {
		AsyncQuerySet<Hamper> heavy = this.hampers.filter("weight__gte", 4);
		AsyncQuerySet<Hamper> alpha = this.hampers.filter("basket__name", "alpha");
		List<Hamper> rows = iterate(heavy.unionAll(alpha), 2);
		// heavy by pk: x, z, u; alpha by pk: y, w, u (u twice, as in list()).
		assertThat(rows).extracting(Hamper::getId).containsExactly(this.ids.get(0), this.ids.get(2), this.ids.get(5),
				this.ids.get(1), this.ids.get(3), this.ids.get(5));
		// Three rows by two, twice: a full chunk and a short one per queryset.
		assertThat(selects()).isEqualTo(4);
		assertThat(heavy.unionAll(alpha).count().join()).isEqualTo(6L);
	}

	@Test
	void aUnionAllKeepsHowItsRowsAreReadAndSkipsEmptyQuerysets() {
		AsyncQuerySet<Hamper> light = this.hampers.only("label").filter("weight__lt", 3);
		List<Hamper> rows = iterate(light.unionAll(this.hampers.none(), light), 5);
		assertThat(labels(rows)).containsExactly("y", "v", "y", "v");
		assertThat(rows).extracting(Hamper::getWeight).containsOnlyNulls();
		assertThat(selects()).isEqualTo(2);
		List<Hamper> none = iterate(this.hampers.none().unionAll(this.hampers.none()), 5);
		assertThat(none).isEmpty();
		assertThat(selects()).isEqualTo(2);
	}

	@Test
	void anOrderedOrSlicedUnionAllIsReadInWindowsOfItsOrder() {
		AsyncQuerySet<Hamper> both = this.hampers.filter("weight__gte", 4).unionAll(this.hampers.all());
		List<String> byLabel = List.of("u", "u", "v", "w", "x", "x", "y", "z", "z");
		assertThat(labels(both.orderBy("label").list().join())).containsExactlyElementsOf(byLabel);
		this.recorder.reset();
		assertThat(labels(iterate(both.orderBy("label"), 2))).containsExactlyElementsOf(byLabel);
		// Nine rows by two: four full windows and a short one.
		assertThat(selects()).isEqualTo(5);
		// By weight, heaviest first (u 6, x 5, z 4, w 3, v 2, y 1), from the second row, five rows.
		AsyncQuerySet<Hamper> window = both.orderBy("-weight").slice(1, 6);
		assertThat(labels(window.list().join())).containsExactly("u", "x", "x", "z", "z");
		this.recorder.reset();
		assertThat(labels(iterate(window, 2))).containsExactly("u", "x", "x", "z", "z");
		assertThat(selects()).isEqualTo(3);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> both.orderBy("label").valuesList("label", String.class).iterator())
			.withMessageStartingWith("iterator() of an ordered or sliced unionAll() of values(), valuesList() or as() "
					+ "is not supported");
	}

}
