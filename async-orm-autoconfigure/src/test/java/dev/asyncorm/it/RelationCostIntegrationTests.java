package dev.asyncorm.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.asyncorm.AsyncRelatedManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relation change costs the same few statements whether the relation has ten members or ten
 * thousand: the members are never loaded.
 */
class RelationCostIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int MEMBERS = 10_000;

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private JdbcTemplate jdbc;

	private Pizza big;

	private Box crate;

	private List<Long> memberIds;

	@BeforeEach
	void seed() {
		this.crate = persist(new Box("crate"));
		this.big = persist(new Pizza("big", null));
		insertRows("insert into topping (name) values ", "member-", MEMBERS, null);
		// JPA names the owner column after the inverse attribute, Topping.pizzas; the id is our own Long.
		this.jdbc.update("insert into pizza_toppings (pizzas_id, toppings_id) select " + this.big.getId() + ", id from topping");
		insertRows("insert into pizza (name, box_id) values ", "child-", MEMBERS, this.crate.getId());
		this.memberIds = this.jdbc.queryForList("select id from topping order by id", Long.class);
	}

	private void insertRows(String insert, String prefix, int count, Long foreignKey) {
		for (int start = 0; start < count; start += 1000) {
			List<Object> values = new ArrayList<>();
			StringBuilder sql = new StringBuilder(insert);
			for (int i = start; i < start + 1000; i++) {
				sql.append((i > start) ? ", " : "").append((foreignKey != null) ? "(?, ?)" : "(?)");
				values.add(prefix + i);
				if (foreignKey != null) {
					values.add(foreignKey);
				}
			}
			this.jdbc.update(sql.toString(), values.toArray());
		}
	}

	private Topping topping(String name) {
		return persist(new Topping(name));
	}

	private void assertStatements(String... kinds) {
		assertThat(this.recorder.sql()).hasSize(kinds.length);
		for (int i = 0; i < kinds.length; i++) {
			// H2 inserts join rows with MERGE, to skip a row another transaction added meanwhile.
			String kind = (kinds[i].equals("insert") && database() == TestDatabase.H2) ? "merge" : kinds[i];
			assertThat(this.recorder.sql().get(i)).as("statement %d", i).startsWithIgnoringCase(kind);
		}
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		this.recorder.reset();
	}

	@Test
	void manyToManyChangesNeverLoadTheMembers() {
		AsyncRelatedManager<Topping> toppings = this.pizzas.related(this.big, "toppings");
		Topping a = topping("new-a");
		Topping b = topping("new-b");
		Topping c = topping("new-c");
		this.recorder.reset();

		assertThat(toppings.addIds(List.of(a.getId(), b.getId(), c.getId(), this.memberIds.get(0))))
			.succeedsWithin(TIMEOUT);
		assertStatements("select", "insert");
		assertThat(toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(MEMBERS + 3L);
		this.recorder.reset();

		assertThat(toppings.removeIds(List.of(this.memberIds.get(1), this.memberIds.get(2)))).succeedsWithin(TIMEOUT);
		assertStatements("delete");

		assertThat(toppings.setIds(List.of(this.memberIds.get(3), a.getId(), b.getId()))).succeedsWithin(TIMEOUT);
		assertStatements("delete", "select");
		assertThat(toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		this.recorder.reset();

		assertThat(toppings.clear()).succeedsWithin(TIMEOUT);
		assertStatements("delete");
		assertThat(toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
	}

	@Test
	void manyToManySetAddsWhatIsMissingInOneInsert() {
		AsyncRelatedManager<Topping> toppings = this.pizzas.related(this.big, "toppings");
		List<Long> kept = new ArrayList<>(this.memberIds.subList(0, 2));
		kept.add(topping("new-d").getId());
		this.recorder.reset();
		assertThat(toppings.setIds(kept)).succeedsWithin(TIMEOUT);
		assertStatements("delete", "select", "insert");
		assertThat(toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
	}

	@Test
	void reverseForeignKeyChangesNeverLoadTheChildren() {
		AsyncRelatedManager<Pizza> inCrate = this.boxes.related(this.crate, "pizzas");
		Pizza loose = persist(new Pizza("loose", null));
		List<Long> children = this.jdbc.queryForList("select id from pizza where box_id = ? order by id", Long.class,
				this.crate.getId());
		this.recorder.reset();

		assertThat(inCrate.add(loose)).succeedsWithin(TIMEOUT);
		assertStatements("update");
		assertThat(inCrate.count()).succeedsWithin(TIMEOUT).isEqualTo(MEMBERS + 1L);
		this.recorder.reset();

		assertThat(inCrate.removeIds(List.of(children.get(0), children.get(1)))).succeedsWithin(TIMEOUT);
		assertStatements("select", "update");

		assertThat(inCrate.setIds(Collections.singletonList(children.get(5)))).succeedsWithin(TIMEOUT);
		assertStatements("update", "update");
		assertThat(inCrate.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
		this.recorder.reset();

		assertThat(inCrate.clear()).succeedsWithin(TIMEOUT);
		assertStatements("update");
		assertThat(inCrate.count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
	}

}
