package dev.asyncorm.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import dev.asyncorm.AsyncOrm;
import dev.asyncorm.BulkCreateOptions;
import dev.asyncorm.InvalidLookupException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * bulkCreate and bulkUpdate: ids, batching (statements counted), conflicts and refusals, on every
 * database of the suite.
 */
class BulkIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private TagRepository tags;

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private StockItemRepository stock;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private AsyncOrm asyncOrm;

	private static List<Pizza> pizzas(String prefix, int count, Box box) {
		return IntStream.range(0, count).mapToObj((i) -> new Pizza(prefix + i, box)).toList();
	}

	private static Tag tag(String name, Integer uses) {
		Tag tag = new Tag(name);
		tag.setUses(uses);
		return tag;
	}

	private static Article article(String headline, Integer rating) {
		return new Article(headline, null, LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 8, 0), rating);
	}

	private long statements(String kind) {
		return this.recorder.sql().stream().filter((sql) -> sql.regionMatches(true, 0, kind, 0, kind.length())).count();
	}

	// bulkCreate

	@Test
	void bulkCreateReturnsTheSameInstancesInOrderWithTheirIds() {
		Box box = persist(new Box("crate"));
		List<Pizza> menu = pizzas("p", 5, box);
		List<Pizza> created = this.pizzas.bulkCreate(menu).join();
		assertThat(created).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(created.get(i)).isSameAs(menu.get(i));
		}
		List<Long> ids = menu.stream().map(Pizza::getId).toList();
		assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().isSorted();
		List<Map<String, Object>> rows = this.jdbc.queryForList("select id, name, box_id from pizza order by id");
		assertThat(rows).extracting((row) -> ((Number) row.get("id")).longValue()).containsExactlyElementsOf(ids);
		assertThat(rows).extracting((row) -> row.get("name")).containsExactly("p0", "p1", "p2", "p3", "p4");
		assertThat(rows).extracting((row) -> ((Number) row.get("box_id")).longValue()).containsOnly(box.getId());
		assertThat(this.meterRegistry.get("async.orm.operations")
			.tags("repository", "PizzaRepository", "operation", "bulkCreate", "outcome", "success")
			.timer()
			.count()).isPositive();
	}

	@Test
	void bulkCreateOfTenThousandRowsSendsOneInsertPerBatchInOneTransaction() {
		this.recorder.reset();
		List<Pizza> menu = pizzas("default-", 10_000, null);
		assertThat(this.pizzas.bulkCreate(menu)).succeedsWithin(TIMEOUT);
		assertThat(statements("insert")).isEqualTo(10);
		assertThat(this.recorder.sql()).hasSize(10);
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.recorder.statements()).allSatisfy((statement) -> assertThat(statement.thread()).startsWith("async-orm-"));
		assertThat(menu).extracting(Pizza::getId).doesNotContainNull().doesNotHaveDuplicates().isSorted();

		this.recorder.reset();
		List<Pizza> more = pizzas("batched-", 10_000, null);
		assertThat(this.pizzas.bulkCreate(more, BulkCreateOptions.defaults().batchSize(1500))).succeedsWithin(TIMEOUT);
		assertThat(statements("insert")).isEqualTo(7);
		assertThat(statements("select")).isZero();
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.pizzas.count().join()).isEqualTo(20_000L);
		assertThat(this.pizzas.get("name", "batched-9999").join().getId()).isEqualTo(more.get(9999).getId());
	}

	@Test
	void bulkCreateRespectsTheBatchSize() {
		this.recorder.reset();
		List<Tag> batch = IntStream.range(0, 7).mapToObj((i) -> tag("t" + i, i)).toList();
		assertThat(this.tags.bulkCreate(batch, BulkCreateOptions.defaults().batchSize(3))).succeedsWithin(TIMEOUT);
		assertThat(this.recorder.sql()).hasSize(3).allSatisfy((sql) -> assertThat(sql).startsWithIgnoringCase("insert"));
		assertThat(this.recorder.sql().get(0).chars().filter((c) -> c == '?').count()).isEqualTo(6);
		assertThat(this.recorder.sql().get(2).chars().filter((c) -> c == '?').count()).isEqualTo(2);
		assertThat(this.tags.orderBy("name").list().join()).extracting(Tag::getUses).containsExactly(0, 1, 2, 3, 4, 5, 6);
	}

	@Test
	void bulkCreateBindsEveryValue() {
		this.recorder.reset();
		List<Tag> batch = List.of(tag("O'Brien; drop table tag; --", 1));
		assertThat(this.tags.bulkCreate(batch)).succeedsWithin(TIMEOUT);
		assertThat(this.recorder.sql()).singleElement().asString().doesNotContain("O'Brien");
		assertThat(this.tags.get("name", "O'Brien; drop table tag; --").join().getId()).isEqualTo(batch.get(0).getId());
	}

	@Test
	void bulkCreateRunsHibernateGeneratorsAndPrePersistCallbacks() {
		List<StockItem> items = List.of(new StockItem("north", "a", 1, new BigDecimal("1.50")),
				new StockItem("north", "b", 2, null), new StockItem("south", "a", 3, new BigDecimal("3.25")));
		assertThat(this.stock.bulkCreate(items)).succeedsWithin(TIMEOUT);
		assertThat(items).extracting(StockItem::getId).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(items).extracting(StockItem::getVersion).containsOnly(0);
		assertThat(items).extracting(StockItem::getStockedOn).containsOnly(StockItem.FIRST_STOCKED);
		assertThat(items).extracting(StockItem::getCreatedAt).doesNotContainNull();
		StockItem read = this.stock.get("pk", items.get(2).getId()).join();
		assertThat(read.getSku()).isEqualTo("a");
		assertThat(read.getWarehouse()).isEqualTo("south");
		assertThat(read.getPrice()).isEqualByComparingTo("3.25");
		assertThat(read.getVersion()).isZero();
		assertThat(read.getStockedOn()).isEqualTo(StockItem.FIRST_STOCKED);
		assertThat(read.getCreatedAt()).isNotNull();
		assertThat(this.stock.get("pk", items.get(1).getId()).join().getPrice()).isNull();
	}

	@Test
	void bulkCreateJoinsTheTransactionOfAtomic() {
		Box box = new Box("crate");
		List<Pizza> menu = List.of(new Pizza("first", box), new Pizza("second", box));
		Long count = this.asyncOrm.atomic(() -> {
			this.boxes.create(box).join();
			this.pizzas.bulkCreate(menu).join();
			return this.pizzas.count().join();
		}).join();
		assertThat(count).isEqualTo(2L);
		assertThat(menu).extracting(Pizza::getId).doesNotContainNull();
		assertThat(this.asyncOrm.atomic(() -> {
			this.tags.bulkCreate(List.of(tag("rolled-back", 1))).join();
			return this.tags.get("name", "missing").join();
		})).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class);
		assertThat(this.tags.count().join()).isZero();
	}

	@Test
	void bulkCreateOfNothingCompletesWithoutIo() {
		this.recorder.reset();
		List<Pizza> none = List.of();
		assertThat(this.pizzas.bulkCreate(none)).isCompletedWithValue(none);
		assertThat(this.recorder.sql()).isEmpty();
		assertThat(this.recorder.transactionEvents()).isEmpty();
	}

	@Test
	void bulkCreateFailsOnAConflictAndInsertsNothing() {
		persist(new Pizza("taken", null));
		List<Pizza> menu = List.of(new Pizza("free-1", null), new Pizza("free-2", null), new Pizza("taken", null));
		assertThat(this.pizzas.bulkCreate(menu, BulkCreateOptions.defaults().batchSize(2))).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(menu).extracting(Pizza::getId).containsOnlyNulls();
		assertThat(this.pizzas.list().join()).extracting(Pizza::getName).containsExactly("taken");
	}

	@Test
	void ignoreConflictsSkipsRowsThatViolateAUniqueConstraint() {
		Pizza existing = persist(new Pizza("margherita", null));
		List<Pizza> menu = List.of(new Pizza("marinara", null), new Pizza("margherita", null),
				new Pizza("diavola", null));
		assertThat(this.pizzas.bulkCreate(menu, BulkCreateOptions.defaults().ignoreConflicts(true)))
			.succeedsWithin(TIMEOUT)
			.satisfies((created) -> assertThat(created).containsExactlyElementsOf(menu));
		assertThat(menu).extracting(Pizza::getId).containsOnlyNulls();
		assertThat(this.pizzas.orderBy("name").list().join()).extracting(Pizza::getName)
			.containsExactly("diavola", "margherita", "marinara");
		assertThat(this.pizzas.get("name", "margherita").join().getId()).isEqualTo(existing.getId());
	}

	@Test
	void ignoreConflictsSkipsOnlyUniqueConflicts() {
		List<Pizza> menu = List.of(new Pizza("named", null), new Pizza(null, null));
		assertThat(this.pizzas.bulkCreate(menu, BulkCreateOptions.defaults().ignoreConflicts(true)))
			.failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.pizzas.count().join()).isZero();
	}

	@Test
	void ignoreConflictsBetweenRowsOfOneCallSkipsThemExceptOnH2() {
		List<Pizza> menu = List.of(new Pizza("twice", null), new Pizza("twice", null));
		BulkCreateOptions ignore = BulkCreateOptions.defaults().ignoreConflicts(true);
		if (database() == TestDatabase.H2) {
			assertThat(this.pizzas.bulkCreate(menu, ignore)).failsWithin(TIMEOUT)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(DataIntegrityViolationException.class);
			assertThat(this.pizzas.count().join()).isZero();
			return;
		}
		assertThat(this.pizzas.bulkCreate(menu, ignore)).succeedsWithin(TIMEOUT);
		assertThat(this.pizzas.count().join()).isEqualTo(1L);
	}

	@Test
	void ignoreConflictsSkipsRowsThatViolateACompositeUniqueConstraint() {
		this.stock.bulkCreate(List.of(new StockItem("north", "a", 1, null))).join();
		List<StockItem> items = List.of(new StockItem("north", "a", 100, null), new StockItem("north", "b", 2, null),
				new StockItem("south", "a", 3, null));
		assertThat(this.stock.bulkCreate(items, BulkCreateOptions.defaults().ignoreConflicts(true)))
			.succeedsWithin(TIMEOUT);
		assertThat(items).extracting(StockItem::getId).containsOnlyNulls();
		assertThat(this.stock.orderBy("warehouse", "sku").list().join()).extracting(StockItem::getQuantity)
			.containsExactly(1, 2, 3);
	}

	@Test
	void updateConflictsUpdatesTheExistingRowAndSetsItsId() {
		Tag java = this.tags.create(tag("java", 1)).join();
		List<Tag> batch = List.of(tag("kotlin", 2), tag("java", 5), tag("scala", 3));
		BulkCreateOptions upsert = BulkCreateOptions.defaults().updateConflicts(List.of("uses"), List.of("name"));
		assertThat(this.tags.bulkCreate(batch, upsert)).succeedsWithin(TIMEOUT);
		assertThat(batch.get(1).getId()).isEqualTo(java.getId());
		assertThat(batch).extracting(Tag::getId).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(this.tags.get("name", "java").join().getUses()).isEqualTo(5);
		assertThat(this.tags.orderBy("name").list().join()).extracting(Tag::getName)
			.containsExactly("java", "kotlin", "scala");
		assertThat(this.tags.get("name", "kotlin").join().getId()).isEqualTo(batch.get(0).getId());
	}

	@Test
	void updateConflictsOnACompositeUniqueConstraint() {
		StockItem first = new StockItem("north", "a", 1, new BigDecimal("1.00"));
		this.stock.bulkCreate(List.of(first)).join();
		List<StockItem> items = List.of(new StockItem("north", "a", 10, new BigDecimal("9.99")),
				new StockItem("north", "b", 2, new BigDecimal("2.00")));
		BulkCreateOptions upsert = BulkCreateOptions.defaults()
			.updateConflicts(List.of("quantity", "price"), List.of("warehouse", "sku"));
		assertThat(this.stock.bulkCreate(items, upsert)).succeedsWithin(TIMEOUT);
		assertThat(items.get(0).getId()).isEqualTo(first.getId());
		StockItem updated = this.stock.get("pk", first.getId()).join();
		assertThat(updated.getQuantity()).isEqualTo(10);
		assertThat(updated.getPrice()).isEqualByComparingTo("9.99");
		assertThat(this.stock.count().join()).isEqualTo(2L);
		assertThat(this.stock.get("sku", "b").join().getId()).isEqualTo(items.get(1).getId());
	}

	@Test
	void updateConflictsNeedUniqueFieldsWhereTheDatabaseNeedsATarget() {
		List<Tag> batch = List.of(tag("java", 1));
		BulkCreateOptions withoutTarget = BulkCreateOptions.defaults().updateConflicts(List.of("uses"), List.of());
		if (database() == TestDatabase.MARIADB) {
			assertThat(this.tags.bulkCreate(batch, withoutTarget)).succeedsWithin(TIMEOUT);
			assertThat(batch.get(0).getId()).isNotNull();
			return;
		}
		String name = (database() == TestDatabase.H2) ? "H2" : "PostgreSQL";
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.tags.bulkCreate(batch, withoutTarget))
			.withMessage("Unique fields that can trigger the upsert must be provided: " + name
					+ " needs them to know which constraint to handle.");
	}

	@Test
	void optionsRefuseWhatDjangoRefuses() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> BulkCreateOptions.defaults().ignoreConflicts(true).updateConflicts(List.of("uses"),
					List.of("name")))
			.withMessage("ignoreConflicts and updateConflicts are mutually exclusive.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> BulkCreateOptions.defaults().updateConflicts(List.of("uses"), List.of("name"))
				.ignoreConflicts(true))
			.withMessage("ignoreConflicts and updateConflicts are mutually exclusive.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> BulkCreateOptions.defaults().updateConflicts(List.of(), List.of("name")))
			.withMessage("Fields that will be updated when a row insertion fails on conflicts must be provided.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> BulkCreateOptions.defaults().batchSize(0))
			.withMessage("Batch size must be a positive integer.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> BulkCreateOptions.defaults().batchSize(-5))
			.withMessage("Batch size must be a positive integer.");
		BulkCreateOptions defaults = BulkCreateOptions.defaults();
		assertThat(defaults.batchSize(10)).isNotSameAs(defaults).isEqualTo(BulkCreateOptions.defaults().batchSize(10));
		assertThat(defaults.getBatchSize()).isNull();
		assertThat(defaults.ignoreConflicts(false).updateConflicts(List.of("uses"), List.of()).isUpdateConflicts())
			.isTrue();
	}

	@Test
	void bulkCreateChecksTheFieldsOfTheOptions() {
		List<Tag> batch = List.of(tag("java", 1));
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.tags.bulkCreate(batch,
					BulkCreateOptions.defaults().updateConflicts(List.of("usez"), List.of("name"))))
			.withMessageStartingWith("Cannot resolve keyword 'usez' into field of Tag. Choices are: ");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.tags.bulkCreate(batch,
					BulkCreateOptions.defaults().updateConflicts(List.of("pk"), List.of("name"))))
			.withMessage("bulkCreate() cannot be used with primary keys in updateFields.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.bulkCreate(List.of(new Pizza("x", null)),
					BulkCreateOptions.defaults().updateConflicts(List.of("toppings"), List.of("name"))))
			.withMessage("bulkCreate() can only be used with concrete fields in updateFields: 'toppings' is not a "
					+ "column of Pizza that it inserts.");
		assertThat(batch.get(0).getId()).isNull();
	}

	@Test
	void bulkCreateRefusesAFilledManyToManyRelation() {
		Topping cheese = persist(new Topping("cheese"));
		Pizza pizza = new Pizza("quattro formaggi", null);
		pizza.getToppings().add(cheese);
		this.recorder.reset();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.bulkCreate(List.of(new Pizza("plain", null), pizza)))
			.withMessage("bulkCreate() cannot save the many-to-many relation 'toppings' of Pizza(quattro formaggi): "
					+ "its rows need ids first. Add the members once the rows exist, with "
					+ "related(object, \"toppings\").add(…).");
		assertThat(this.recorder.sql()).isEmpty();
	}

	@Test
	void bulkCreateRefusesPresetSequenceIdsAndUnsavedRelatedObjects() {
		StockItem preset = new StockItem("north", "preset", 1, null);
		preset.setId(42L);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.stock.bulkCreate(List.of(preset)))
			.withMessageStartingWith("StockItem has a generated id: bulkCreate() cannot insert ")
			.withMessageEndingWith(" with id 42 set; clear the id, or use bulkUpdate() to update existing rows.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.bulkCreate(List.of(new Pizza("boxed", new Box("unsaved")))))
			.withMessage("bulkCreate() prohibited to prevent data loss due to unsaved related object 'box' of "
					+ "Pizza(boxed).");
	}

	@Test
	void bulkCreateIsRefusedOnARelatedManager() {
		Box box = persist(new Box("crate"));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.boxes.<Pizza>related(box, "pizzas").bulkCreate(List.of(new Pizza("p", null))))
			.withMessage("bulkCreate() is not supported on the related manager 'pizzas': create the rows with the "
					+ "Pizza repository, then add them to the relation.");
	}

	// bulkUpdate

	private List<Article> seedArticles(int count) {
		List<Article> seeded = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			seeded.add(article("a" + i, i));
		}
		return this.articles.bulkCreate(seeded).join();
	}

	@Test
	void bulkUpdateWritesTheFieldsAndCountsTheRowsMatched() {
		List<Article> seeded = seedArticles(5);
		for (Article article : seeded) {
			article.setHeadline(article.getHeadline().toUpperCase());
			article.setRating(article.getRating() * 10);
		}
		seeded.get(4).setRating(null);
		assertThat(this.articles.bulkUpdate(seeded, "headline", "rating")).succeedsWithin(TIMEOUT).isEqualTo(5L);
		assertThat(this.articles.orderBy("id").list().join()).extracting(Article::getHeadline, Article::getRating)
			.containsExactly(tuple("A0", 0), tuple("A1", 10), tuple("A2", 20), tuple("A3", 30), tuple("A4", null));
	}

	@Test
	void bulkUpdateSendsOneUpdatePerBatchInOneTransaction() {
		List<Article> seeded = seedArticles(10);
		seeded.forEach((article) -> article.setRating(null));
		seeded.get(9).setRating(99);
		this.recorder.reset();
		assertThat(this.articles.bulkUpdate(seeded, List.of("rating"), 4)).succeedsWithin(TIMEOUT).isEqualTo(10L);
		assertThat(this.recorder.sql()).hasSize(3).allSatisfy((sql) -> assertThat(sql).startsWithIgnoringCase("update"));
		assertThat(this.recorder.sql().get(0)).doesNotContainIgnoringCase("case");
		assertThat(this.recorder.sql().get(2)).containsIgnoringCase("case");
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.articles.filter("rating__isnull", true).count().join()).isEqualTo(9L);
		assertThat(this.articles.get("rating", 99).join().getId()).isEqualTo(seeded.get(9).getId());
		assertThat(this.meterRegistry.get("async.orm.operations")
			.tags("repository", "ArticleRepository", "operation", "bulkUpdate", "outcome", "success")
			.timer()
			.count()).isPositive();
	}

	@Test
	void bulkUpdateBindsEveryValue() {
		List<Article> seeded = seedArticles(2);
		seeded.get(0).setHeadline("O'Brien; drop table article; --");
		this.recorder.reset();
		assertThat(this.articles.bulkUpdate(seeded, "headline")).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(this.recorder.sql()).singleElement().asString().doesNotContain("O'Brien");
		assertThat(this.articles.get("pk", seeded.get(0).getId()).join().getHeadline())
			.isEqualTo("O'Brien; drop table article; --");
	}

	@Test
	void bulkUpdateOfAQuerysetUpdatesOnlyItsRows() {
		List<Article> seeded = seedArticles(6);
		seeded.forEach((article) -> article.setHeadline("changed"));
		assertThat(this.articles.filter("rating__gte", 3).bulkUpdate(seeded, "headline")).succeedsWithin(TIMEOUT)
			.isEqualTo(3L);
		assertThat(this.articles.filter("headline", "changed").count().join()).isEqualTo(3L);
	}

	@Test
	void bulkUpdateOfARelatedManagerUpdatesOnlyItsMembers() {
		Box crate = persist(new Box("crate"));
		Box other = persist(new Box("other"));
		Box large = persist(new Box("large"));
		List<Pizza> menu = this.pizzas.bulkCreate(List.of(new Pizza("in-1", crate), new Pizza("in-2", crate),
				new Pizza("out", other))).join();
		menu.forEach((pizza) -> pizza.setBox(large));
		assertThat(this.boxes.<Pizza>related(crate, "pizzas").bulkUpdate(menu, "box")).succeedsWithin(TIMEOUT)
			.isEqualTo(2L);
		assertThat(this.jdbc.queryForList("select box_id from pizza order by name", Long.class))
			.containsExactly(large.getId(), large.getId(), other.getId());
		assertThat(this.meterRegistry.get("async.orm.operations")
			.tags("repository", "BoxRepository", "operation", "pizzas.bulkUpdate", "outcome", "success")
			.timer()
			.count()).isPositive();
	}

	@Test
	void bulkUpdateWritesForeignKeys() {
		Box small = persist(new Box("small"));
		Box large = persist(new Box("large"));
		List<Pizza> menu = this.pizzas.bulkCreate(pizzas("p", 3, small)).join();
		menu.get(0).setBox(large);
		menu.get(2).setBox(null);
		assertThat(this.pizzas.bulkUpdate(menu, "box")).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(this.jdbc.queryForList("select box_id from pizza order by name", Long.class))
			.containsExactly(large.getId(), small.getId(), null);
	}

	@Test
	void bulkUpdateWritesValuesThroughTheirMapping() {
		List<StockItem> items = List.of(new StockItem("north", "a", 1, null), new StockItem("north", "b", 2, null),
				new StockItem("north", "c", 3, null));
		this.stock.bulkCreate(items).join();
		assertThat(this.jdbc.queryForList("select grade from stock_item", String.class)).containsOnly("STANDARD");
		items.get(0).setGrade(StockItem.Grade.PREMIUM);
		items.get(2).setGrade(null);
		assertThat(this.stock.bulkUpdate(items, "grade")).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(this.jdbc.queryForList("select grade from stock_item order by sku", String.class))
			.containsExactly("PREMIUM", "STANDARD", null);
	}

	@Test
	void bulkUpdateRefusesWhatDjangoRefuses() {
		List<Article> seeded = seedArticles(1);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.bulkUpdate(seeded))
			.withMessage("Field names must be given to bulkUpdate().");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.bulkUpdate(seeded, List.of("rating"), 0))
			.withMessage("Batch size must be a positive integer.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.bulkUpdate(seeded, "pk"))
			.withMessage("bulkUpdate() cannot be used with primary key fields.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.bulkUpdate(seeded, "id"))
			.withMessage("bulkUpdate() cannot be used with primary key fields.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.articles.bulkUpdate(seeded, "ratng"))
			.withMessageStartingWith("Cannot resolve keyword 'ratng' into field of Article. Choices are: ");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.bulkUpdate(List.of(persist(new Pizza("p", null))), "toppings"))
			.withMessage("bulkUpdate() can only be used with concrete fields: 'toppings' is not an updatable column "
					+ "of Pizza.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.bulkUpdate(List.of(seeded.get(0), article("new", 1)), "rating"))
			.withMessage("All bulkUpdate() objects must have a primary key set.");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.articles.all().limit(1).bulkUpdate(seeded, "rating"))
			.withMessage("Cannot update a query once a slice has been taken.");
		Pizza pizza = persist(new Pizza("boxed", null));
		pizza.setBox(new Box("unsaved"));
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.bulkUpdate(List.of(pizza), "box"))
			.withMessage("bulkUpdate() prohibited to prevent data loss due to unsaved related object 'box'.");
	}

	@Test
	void bulkUpdateOfNothingCompletesWithoutIo() {
		this.recorder.reset();
		assertThat(this.articles.bulkUpdate(List.of(), "rating")).isCompletedWithValue(0L);
		assertThat(this.articles.none().bulkUpdate(seedArticles(1), "rating")).isCompletedWithValue(0L);
		assertThat(statements("update")).isZero();
	}

}
