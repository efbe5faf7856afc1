package dev.asyncorm.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.asyncorm.AsyncOrm;
import dev.asyncorm.InvalidLookupException;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code only()} and {@code defer()} with {@code selectRelated()}: the fields of the joined rows
 * that paths across relations name, the instances built from the joined columns, what their
 * {@code save()} writes, and Django's refusal of a relation both deferred and followed.
 */
class SelectRelatedLoadingIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private HamperRepository hampers;

	@Autowired
	private BasketRepository baskets;

	@Autowired
	private WeaverRepository weavers;

	@Autowired
	private AsyncOrm orm;

	private Weaver ann;

	private Basket wicker;

	@BeforeEach
	void seed() {
		this.transactionTemplate.executeWithoutResult((status) -> {
			for (String entity : new String[] { "Hamper", "Basket", "Weaver" }) {
				this.entityManager.createQuery("delete from " + entity).executeUpdate();
			}
		});
		this.ann = persist(new Weaver("ann", "york"));
		this.wicker = persist(new Basket("wicker", 3, this.ann));
		persist(new Hamper("a-picnic", 5, this.wicker));
		persist(new Hamper("b-empty", 2, null));
		this.recorder.reset();
	}

	private List<String> selects() {
		return this.recorder.sql().stream()
			.map((sql) -> sql.trim().toLowerCase(Locale.ROOT))
			.filter((sql) -> sql.startsWith("select"))
			.toList();
	}

	private static String selectList(String sql) {
		return sql.substring(0, sql.indexOf(" from "));
	}

	@Test
	void onlyAcrossAFollowedRelationReadsThoseFieldsOfTheJoinedRow() {
		List<Hamper> rows = this.hampers.selectRelated("basket").only("label", "basket__name").orderBy("label").list()
			.join();
		assertThat(selects()).hasSize(1);
		String sql = selects().get(0);
		assertThat(selectList(sql)).contains("label").contains(".name").doesNotContain("weight").doesNotContain("size")
			.doesNotContain("weaver_id");
		assertThat(sql).contains("left join");
		assertThat(rows).extracting(Hamper::getLabel).containsExactly("a-picnic", "b-empty");
		assertThat(rows).extracting(Hamper::getWeight).containsExactly(null, null);
		Basket basket = rows.get(0).getBasket();
		assertThat(basket.getClass()).isEqualTo(Basket.class);
		assertThat(basket.getId()).isEqualTo(this.wicker.getId());
		assertThat(basket.getName()).isEqualTo("wicker");
		assertThat(basket.getSize()).isNull();
		assertThat(basket.getWeaver()).isNull();
		assertThat(rows.get(1).getBasket()).isNull();
	}

	@Test
	void deferAcrossAFollowedRelationLeavesOutThatFieldOfTheJoinedRow() {
		List<Hamper> rows = this.hampers.selectRelated("basket").defer("basket__size").orderBy("label").list().join();
		assertThat(selects()).hasSize(1);
		assertThat(selectList(selects().get(0))).contains("weight").contains("weaver_id").doesNotContain("size");
		assertThat(rows).extracting(Hamper::getWeight).containsExactly(5, 2);
		Basket basket = rows.get(0).getBasket();
		assertThat(basket.getClass()).isEqualTo(Basket.class);
		assertThat(basket.getName()).isEqualTo("wicker");
		assertThat(basket.getSize()).isNull();
		assertThat(Hibernate.isInitialized(basket.getWeaver())).isFalse();
		assertThat(basket.getWeaver().getId()).isEqualTo(this.ann.getId());
		assertThat(rows.get(1).getBasket()).isNull();
	}

	@Test
	void aChainOfFollowedRelationsIsBuiltAtEveryStep() {
		persist(new Hamper("c-other", 1, persist(new Basket("rush", 1, persist(new Weaver("bo", "leeds"))))));
		this.recorder.reset();
		List<Hamper> rows = this.hampers.selectRelated("basket__weaver")
			.only("label", "basket__name", "basket__weaver__town")
			.orderBy("label")
			.list()
			.join();
		assertThat(selects()).hasSize(1);
		// The weaver is required by the basket, but reached through the optional basket: outer joins.
		assertThat(selects().get(0)).doesNotContain("inner join");
		assertThat(rows).extracting(Hamper::getLabel).containsExactly("a-picnic", "b-empty", "c-other");
		assertThat(rows.get(0).getBasket().getName()).isEqualTo("wicker");
		assertThat(rows.get(0).getBasket().getSize()).isNull();
		Weaver weaver = rows.get(0).getBasket().getWeaver();
		assertThat(weaver.getClass()).isEqualTo(Weaver.class);
		assertThat(weaver.getId()).isEqualTo(this.ann.getId());
		assertThat(weaver.getTown()).isEqualTo("york");
		assertThat(weaver.getName()).isNull();
		assertThat(rows.get(1).getBasket()).isNull();
		assertThat(rows.get(2).getBasket().getWeaver().getTown()).isEqualTo("leeds");
	}

	@Test
	void aRequiredRelationFollowedFromTheRootIsAnInnerJoin() {
		List<Basket> rows = this.baskets.selectRelated("weaver").only("name", "weaver__name").list().join();
		assertThat(selects()).hasSize(1);
		assertThat(selects().get(0)).contains("join").doesNotContain("left join");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getSize()).isNull();
		assertThat(rows.get(0).getWeaver().getName()).isEqualTo("ann");
		assertThat(rows.get(0).getWeaver().getTown()).isNull();
	}

	@Test
	void aFollowedRelationNamedWithoutPathsIsReadWhole() {
		Hamper hamper = this.hampers.selectRelated("basket").only("label", "basket").get("label", "a-picnic").join();
		assertThat(hamper.getWeight()).isNull();
		assertThat(hamper.getBasket().getClass()).isEqualTo(Basket.class);
		assertThat(hamper.getBasket().getName()).isEqualTo("wicker");
		assertThat(hamper.getBasket().getSize()).isEqualTo(3);
		assertThat(hamper.getBasket().getWeaver().getId()).isEqualTo(this.ann.getId());
	}

	@Test
	void selectRelatedWithoutNamesFollowsEveryRelationWithTheFieldsPathsName() {
		Hamper hamper = this.hampers.selectRelated().only("label", "basket__size").get("label", "a-picnic").join();
		assertThat(selects()).hasSize(1);
		assertThat(hamper.getBasket().getClass()).isEqualTo(Basket.class);
		assertThat(hamper.getBasket().getSize()).isEqualTo(3);
		assertThat(hamper.getBasket().getName()).isNull();
	}

	@Test
	void pathsAcrossARelationThatIsNotFollowedReadOnlyTheRelation() {
		Hamper hamper = this.hampers.only("label", "basket__name").get("label", "a-picnic").join();
		assertThat(selects()).hasSize(1);
		assertThat(selects().get(0)).doesNotContain("join");
		assertThat(Hibernate.isInitialized(hamper.getBasket())).isFalse();
		assertThat(hamper.getBasket().getId()).isEqualTo(this.wicker.getId());
		assertThat(hamper.getWeight()).isNull();
	}

	@Test
	void saveOfAPartlyReadRelatedRowWritesOnlyTheFieldsItWasReadWith() {
		Hamper hamper = this.hampers.selectRelated("basket").only("label", "basket__name").get("label", "a-picnic")
			.join();
		Basket basket = hamper.getBasket();
		basket.setName("willow");
		this.recorder.reset();
		assertThat(this.baskets.save(basket)).succeedsWithin(TIMEOUT);
		List<String> updates = this.recorder.sql().stream()
			.map((sql) -> sql.trim().toLowerCase(Locale.ROOT))
			.filter((sql) -> sql.startsWith("update"))
			.toList();
		assertThat(updates).hasSize(1);
		assertThat(updates.get(0)).contains("name").doesNotContain("size").doesNotContain("weaver_id");
		Basket stored = this.baskets.selectRelated("weaver").get("id", this.wicker.getId()).join();
		assertThat(stored.getName()).isEqualTo("willow");
		assertThat(stored.getSize()).isEqualTo(3);
		assertThat(stored.getWeaver().getName()).isEqualTo("ann");
		hamper.setLabel("a-renamed");
		assertThat(this.hampers.save(hamper)).succeedsWithin(TIMEOUT);
		assertThat(this.hampers.get("label", "a-renamed").join().getWeight()).isEqualTo(5);
	}

	@Test
	void aRowReadWithAllItsOwnFieldsSavesWhole() {
		Hamper hamper = this.hampers.selectRelated("basket").defer("basket__size").get("label", "a-picnic").join();
		hamper.setLabel("a-renamed");
		this.recorder.reset();
		assertThat(this.hampers.save(hamper)).succeedsWithin(TIMEOUT);
		assertThat(this.recorder.sql()).filteredOn((sql) -> sql.trim().toLowerCase(Locale.ROOT).startsWith("update"))
			.singleElement()
			.satisfies((sql) -> assertThat(sql.toLowerCase(Locale.ROOT)).contains("label").contains("weight")
				.contains("basket_id"));
		Hamper stored = this.hampers.selectRelated("basket").get("label", "a-renamed").join();
		assertThat(stored.getWeight()).isEqualTo(5);
		assertThat(stored.getBasket().getSize()).isEqualTo(3);
	}

	@Test
	void iterationBuildsTheJoinedRowsOfEveryChunk() {
		persist(new Hamper("c-other", 1, this.wicker));
		this.recorder.reset();
		List<Hamper> rows = new ArrayList<>();
		assertThat(this.hampers.selectRelated("basket").only("label", "basket__size").orderBy("label").forEach(rows::add))
			.succeedsWithin(TIMEOUT);
		assertThat(rows).extracting(Hamper::getLabel).containsExactly("a-picnic", "b-empty", "c-other");
		assertThat(rows).extracting((row) -> (row.getBasket() != null) ? row.getBasket().getSize() : null)
			.containsExactly(3, null, 3);
		assertThat(rows.get(0).getBasket().getName()).isNull();
	}

	@Test
	void partlyLoadedJoinedRowsAreReadLockedInTheirOwnStatement() {
		List<Hamper> rows = this.orm.atomic(() -> this.hampers.selectRelated("basket").only("label", "basket__name")
			.orderBy("label")
			.selectForUpdate()
			.list()
			.join()).join();
		assertThat(rows).extracting(Hamper::getLabel).containsExactly("a-picnic", "b-empty");
		assertThat(rows.get(0).getBasket().getName()).isEqualTo("wicker");
		assertThat(selects()).singleElement().satisfies((sql) -> {
			if (database() == TestDatabase.POSTGRES) {
				// PostgreSQL cannot lock the nullable side of an outer join: the hampers' rows are locked.
				assertThat(sql).matches(Pattern.compile(".* from hamper (\\w+) left join basket \\w+ on .* for update of \\1",
						Pattern.DOTALL));
			}
			else {
				assertThat(sql).contains(" left join basket ").endsWith(" for update");
			}
		});
	}

	@Test
	void aRelationBothDeferredAndFollowedIsRefusedAsDjangoDoes() {
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.hampers.selectRelated("basket").only("label"))
			.withMessage("Field Hamper.basket cannot be both deferred and traversed using selectRelated at the same time.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.hampers.defer("basket").selectRelated("basket"))
			.withMessage("Field Hamper.basket cannot be both deferred and traversed using selectRelated at the same time.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.hampers.selectRelated("basket__weaver").only("label", "basket__name"))
			.withMessage("Field Basket.weaver cannot be both deferred and traversed using selectRelated at the same time.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.hampers.selectRelated("basket__weaver").defer("basket__weaver"))
			.withMessage("Field Basket.weaver cannot be both deferred and traversed using selectRelated at the same time.");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.hampers.selectRelated().only("label"))
			.withMessage("Field Hamper.basket cannot be both deferred and traversed using selectRelated at the same time.");
	}

	@Test
	void pathsAreCheckedAgainstTheRelatedModels() {
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.hampers.only("basket__nope"))
			.withMessage("only() cannot resolve 'nope' in 'basket__nope' into a field of Basket. Fields are: id, name, "
					+ "size, weaver");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.hampers.defer("label__x"))
			.withMessage("defer() cannot follow 'label' in 'label__x': Hamper.label is not a to-one relation.");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.weavers.only("nope__name"))
			.withMessageStartingWith("Cannot resolve keyword 'nope' into field of Weaver.");
	}

}
