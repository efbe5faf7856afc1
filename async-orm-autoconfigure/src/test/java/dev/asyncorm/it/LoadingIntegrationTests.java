package dev.asyncorm.it;

import java.util.List;

import dev.asyncorm.InvalidLookupException;
import org.hibernate.LazyInitializationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code selectRelated} and {@code prefetchRelated}: what the detached entities have loaded, and
 * the statements it costs.
 */
class LoadingIntegrationTests extends AbstractIntegrationTests {

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private BoxRepository boxes;

	@BeforeEach
	void seed() {
		Topping cheese = persist(new Topping("cheese"));
		Topping tomato = persist(new Topping("tomato"));
		Box small = persist(new Box("small"));
		Pizza margherita = new Pizza("margherita", small);
		margherita.getToppings().addAll(List.of(cheese, tomato));
		persist(margherita);
		persist(new Pizza("plain", null));
	}

	private long selects() {
		return this.recorder.sql().stream().filter((sql) -> sql.trim().toLowerCase().startsWith("select")).count();
	}

	@Test
	void aRelationThatWasNotLoadedCannotBeRead() {
		Pizza margherita = this.pizzas.get("name", "margherita").join();
		assertThatExceptionOfType(LazyInitializationException.class).isThrownBy(() -> margherita.getBox().getName());
		assertThatExceptionOfType(LazyInitializationException.class)
			.isThrownBy(() -> margherita.getToppings().size());
	}

	@Test
	void selectRelatedFetchesToOneRelationsInTheSameQuery() {
		this.recorder.reset();
		List<Pizza> rows = this.pizzas.orderBy("name").selectRelated("box").list().join();
		assertThat(selects()).isEqualTo(1);
		assertThat(rows.get(0).getBox().getName()).isEqualTo("small");
		assertThat(rows.get(1).getBox()).isNull();
		assertThat(this.pizzas.selectRelated().get("name", "margherita").join().getBox().getName()).isEqualTo("small");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.pizzas.selectRelated("toppings"))
			.withMessage("Invalid field name(s) given in selectRelated: 'toppings'. Choices are: box");
	}

	@Test
	void prefetchRelatedLoadsEachRelationWithOneMoreQuery() {
		this.recorder.reset();
		List<Pizza> rows = this.pizzas.orderBy("name").prefetchRelated("toppings", "box").list().join();
		assertThat(selects()).isEqualTo(3);
		assertThat(rows.get(0).getToppings()).extracting(Topping::getName).containsExactlyInAnyOrder("cheese", "tomato");
		assertThat(rows.get(0).getBox().getName()).isEqualTo("small");
		assertThat(rows.get(1).getToppings()).isEmpty();
		Box small = this.boxes.prefetchRelated("pizzas").get("name", "small").join();
		assertThat(small.getPizzas()).extracting(Pizza::getName).containsExactly("margherita");
		assertThatExceptionOfType(InvalidLookupException.class).isThrownBy(() -> this.pizzas.prefetchRelated("nope"))
			.withMessageStartingWith("Cannot find 'nope' on Pizza object, 'nope' is an invalid parameter to prefetchRelated()");
	}

}
