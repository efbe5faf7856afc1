package dev.asyncorm.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.asyncorm.F;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code update()} sets a foreign key as Django's does: to an instance ({@code box}), to an id by
 * the column's name ({@code box_id}) or to {@code null}, in one {@code UPDATE} that loads nothing.
 */
class RelationUpdateIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private DataSource dataSource;

	@Test
	void aRelationIsSetToAnInstanceAnIdOrNullInOneUpdate() {
		Box round = persist(new Box("round"));
		Box square = persist(new Box("square"));
		Pizza funghi = persist(new Pizza("funghi", null));
		persist(new Pizza("diavola", round));

		this.recorder.reset();
		assertThat(this.pizzas.filter("name", "funghi").update(Map.of("box", round))).succeedsWithin(TIMEOUT)
			.isEqualTo(1L);
		assertThat(this.recorder.sql()).singleElement().asString().startsWithIgnoringCase("update pizza");
		assertThat(boxOf(funghi)).isEqualTo(round.getId());

		assertThat(this.pizzas.filter("name", "funghi").update(Map.of("box_id", square.getId()))).succeedsWithin(TIMEOUT)
			.isEqualTo(1L);
		assertThat(boxOf(funghi)).isEqualTo(square.getId());

		Map<String, Object> none = new HashMap<>();
		none.put("box", null);
		assertThat(this.pizzas.all().update(none)).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(new JdbcTemplate(this.dataSource).queryForObject("select count(*) from pizza where box_id is null",
				Integer.class)).isEqualTo(2);
	}

	@Test
	void aWrongValueForARelationFailsWhenTheUpdateIsCalled() {
		Topping cheese = persist(new Topping("cheese"));

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().update(Map.of("box", cheese)))
			.withMessageContaining("\"Pizza.box\" must be a \"Box\" instance");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().update(Map.of("box", new Box("unsaved"))))
			.withMessageContaining("unsaved related object 'box'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().update(Map.of("box", F.of("name"))))
			.withMessageContaining("cannot assign an F() expression to the relation 'box'");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.all().update(Map.of("name", F.of("box__name"))))
			.withMessageContaining("Joined field references are not permitted in this query");
	}

	private Long boxOf(Pizza pizza) {
		return new JdbcTemplate(this.dataSource).queryForObject("select box_id from pizza where id = ?", Long.class,
				pizza.getId());
	}

}
