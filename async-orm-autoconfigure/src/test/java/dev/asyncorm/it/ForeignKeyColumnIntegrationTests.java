package dev.asyncorm.it;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.asyncorm.CreateResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Writes name a foreign key by its column, as Django's {@code attname}: {@code box_id} in
 * {@code create}, in the lookups and defaults of {@code getOrCreate} / {@code updateOrCreate}, and
 * in {@code save(entity, "box_id")}.
 */
class ForeignKeyColumnIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private DataSource dataSource;

	@Test
	void createSetsAForeignKeyByItsColumnNameInOneInsert() {
		Box round = persist(new Box("round"));

		this.recorder.reset();
		Pizza funghi = this.pizzas.create(Map.of("name", "funghi", "box_id", round.getId())).join();
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("insert into pizza");
		assertThat(funghi.getBox().getId()).isEqualTo(round.getId());
		assertThat(boxOf(funghi.getId())).isEqualTo(round.getId());

		Pizza diavola = this.pizzas.create(Map.of("name", "diavola", "box_id", String.valueOf(round.getId()))).join();
		assertThat(boxOf(diavola.getId())).isEqualTo(round.getId());
	}

	@Test
	void aForeignKeyThatNamesNoRowFailsAtTheInsert() {
		Box round = persist(new Box("round"));

		assertThat(this.pizzas.create(Map.of("name", "funghi", "box_id", round.getId() + 1000)))
			.failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.pizzas.count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.create(Map.of("name", "funghi", "box_id", "round")))
			.withMessage("Field 'box_id' expected a Long but got String 'round'.");
	}

	@Test
	void getOrCreateTakesTheColumnNameInLookupsAndDefaults() {
		Box round = persist(new Box("round"));
		Box square = persist(new Box("square"));

		CreateResult<Pizza> created = this.pizzas
			.getOrCreate(Map.of("name", "funghi", "box_id", round.getId()), Map.of("price", 9))
			.join();
		assertThat(created.created()).isTrue();
		assertThat(boxOf(created.object().getId())).isEqualTo(round.getId());

		CreateResult<Pizza> found = this.pizzas
			.getOrCreate(Map.of("name", "funghi", "box_id", round.getId()), Map.of("price", 10))
			.join();
		assertThat(found.created()).isFalse();
		assertThat(found.object().getId()).isEqualTo(created.object().getId());

		AtomicInteger calls = new AtomicInteger();
		Supplier<Long> squareId = () -> {
			calls.incrementAndGet();
			return square.getId();
		};
		CreateResult<Pizza> withDefault = this.pizzas.getOrCreate(Map.of("name", "diavola"), Map.of("box_id", squareId))
			.join();
		assertThat(withDefault.created()).isTrue();
		assertThat(boxOf(withDefault.object().getId())).isEqualTo(square.getId());
		assertThat(this.pizzas.getOrCreate(Map.of("name", "diavola"), Map.of("box_id", squareId)).join().created())
			.isFalse();
		assertThat(calls).hasValue(1);
	}

	@Test
	void updateOrCreateSetsTheColumnOfTheFoundRow() {
		Box round = persist(new Box("round"));
		Box square = persist(new Box("square"));
		Pizza funghi = persist(new Pizza("funghi", round));

		CreateResult<Pizza> updated = this.pizzas
			.updateOrCreate(Map.of("name", "funghi"), Map.of("box_id", square.getId()))
			.join();
		assertThat(updated.created()).isFalse();
		assertThat(updated.object().getId()).isEqualTo(funghi.getId());
		assertThat(boxOf(funghi.getId())).isEqualTo(square.getId());

		CreateResult<Pizza> created = this.pizzas
			.updateOrCreate(Map.of("name", "diavola"), Map.of("box_id", round.getId()))
			.join();
		assertThat(created.created()).isTrue();
		assertThat(boxOf(created.object().getId())).isEqualTo(round.getId());
	}

	@Test
	void saveWithTheColumnNameWritesOnlyTheForeignKey() {
		Box round = persist(new Box("round"));
		Box square = persist(new Box("square"));
		Pizza funghi = persist(new Pizza("funghi", round));
		funghi.setBox(square);
		funghi.setPrice(12);

		this.recorder.reset();
		assertThat(this.pizzas.save(funghi, "box_id")).succeedsWithin(TIMEOUT).isSameAs(funghi);
		assertThat(this.recorder.sql()).singleElement().asString()
			.startsWithIgnoringCase("update pizza")
			.contains("box_id")
			.doesNotContain("price");
		assertThat(boxOf(funghi.getId())).isEqualTo(square.getId());
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("select price from pizza where id = ?",
				Integer.class, funghi.getId())).isNull();
	}

	private Long boxOf(Long pizza) {
		return new JdbcTemplate(this.dataSource).queryForObject("select box_id from pizza where id = ?", Long.class,
				pizza);
	}

}
