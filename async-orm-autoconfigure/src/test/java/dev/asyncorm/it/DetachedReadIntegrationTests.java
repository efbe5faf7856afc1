package dev.asyncorm.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.asyncorm.AsyncOrm;
import org.hibernate.Hibernate;
import org.hibernate.LazyInitializationException;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Whole entities read outside a transaction are built from their columns, without Hibernate's
 * loader, when nothing the user sees would differ: the same values, lazy relations that cannot
 * load, rows that save as any detached instance does. Models whose reading Hibernate must do (an
 * eager relation, a {@code @PostLoad} callback) and reads inside a transaction still go through
 * the loader. Hibernate counts the entities its loader builds.
 */
class DetachedReadIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private StockItemRepository stock;

	@Autowired
	private ReporterRepository reporters;

	@Autowired
	private MemoRepository memos;

	@Autowired
	private TagRepository tags;

	@Autowired
	private AsyncOrm orm;

	private Statistics statistics;

	@BeforeEach
	void countFromHere() {
		this.statistics = hibernateStatistics();
	}

	@Test
	void rowsReadOutsideATransactionHaveTheValuesHibernateReads() {
		persist(new StockItem("north", "A-1", 5, new BigDecimal("12.50")));
		StockItem premium = new StockItem("south", "B-2", null, null);
		premium.setGrade(StockItem.Grade.PREMIUM);
		persist(premium);
		List<StockItem> loaded = this.transactionTemplate.execute((status) -> this.entityManager
			.createQuery("select s from StockItem s order by s.sku", StockItem.class)
			.getResultList());
		this.statistics.clear();

		List<StockItem> built = this.stock.all().orderBy("sku").list().join();

		assertThat(this.statistics.getEntityLoadCount()).isZero();
		assertThat(built).usingRecursiveFieldByFieldElementComparator().isEqualTo(loaded);
		assertThat(built).extracting(StockItem::getGrade, StockItem::getVersion, StockItem::getPrice)
			.containsExactly(tuple(StockItem.Grade.STANDARD, 0, new BigDecimal("12.50")),
					tuple(StockItem.Grade.PREMIUM, 0, null));
	}

	@Test
	void lazyRelationsOfRowsReadOutsideATransactionCannotLoad() {
		Box box = persist(new Box("round"));
		persist(new Pizza("funghi", box));
		this.statistics.clear();

		Pizza read = this.pizzas.get("name", "funghi").join();
		assertThat(this.statistics.getEntityLoadCount()).isZero();
		// A read by primary key is Hibernate's, to compare with.
		Pizza pizza = this.pizzas.get("pk", read.getId()).join();
		assertThat(this.statistics.getEntityLoadCount()).isEqualTo(1);


		assertThat(Hibernate.isInitialized(read.getBox())).isFalse();
		assertThat(read.getBox().getId()).isEqualTo(box.getId());
		assertThatExceptionOfType(LazyInitializationException.class).isThrownBy(() -> read.getBox().getName());
		assertThat(Hibernate.isInitialized(read.getToppings())).isFalse();
		assertThatExceptionOfType(LazyInitializationException.class).isThrownBy(() -> read.getToppings().size());
		assertThatExceptionOfType(LazyInitializationException.class).isThrownBy(() -> pizza.getToppings().size());
	}

	@Test
	void aRowReadOutsideATransactionSavesAsAnyDetachedInstance() {
		Box box = persist(new Box("round"));
		persist(new Pizza("funghi", box));
		Pizza read = this.pizzas.all().list().join().get(0);
		read.setPrice(9);

		assertThat(this.pizzas.save(read)).succeedsWithin(TIMEOUT);

		assertThat(this.pizzas.values("name", "price", "box").list().join())
			.containsExactly(Map.of("name", "funghi", "price", 9, "box", box.getId()));
		assertThat(this.boxes.count().join()).isEqualTo(1);
	}

	@Test
	void rowsReadInsideATransactionAreHibernates() {
		Box box = persist(new Box("round"));
		persist(new Pizza("funghi", box));
		persist(new Pizza("diavola", box));
		this.statistics.clear();

		List<Pizza> read = this.orm.atomic(() -> this.pizzas.all().list().join()).join();

		assertThat(read).extracting(Pizza::getName).containsExactlyInAnyOrder("funghi", "diavola");
		assertThat(this.statistics.getEntityLoadCount()).isEqualTo(2);
	}

	@Test
	void aModelWithAPostLoadCallbackIsReadByHibernate() {
		persist(new Reporter("Ann"));
		this.statistics.clear();

		List<Reporter> read = this.reporters.all().list().join();

		assertThat(read).extracting(Reporter::getName, Reporter::isLoaded)
			.containsExactly(tuple("Ann", true));
		assertThat(this.statistics.getEntityLoadCount()).isEqualTo(1);
	}

	@Test
	void aModelWithAnEagerRelationIsReadByHibernate() {
		Tag label = persist(new Tag("urgent"));
		Memo memo = new Memo("call back", false);
		memo.setLabel(label);
		persist(memo);

		List<Memo> read = this.memos.all().list().join();

		assertThat(read).hasSize(1);
		assertThat(Hibernate.isInitialized(read.get(0).getLabel())).isTrue();
		assertThat(read.get(0).getLabel().getName()).isEqualTo("urgent");
	}

}
