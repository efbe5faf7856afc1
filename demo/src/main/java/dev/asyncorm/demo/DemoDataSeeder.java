package dev.asyncorm.demo;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.persistence.EntityManager;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the empty database with three pizzas at start-up, with plain, blocking JPA in one
 * transaction: nothing waits on it, since no request is served before it ends.
 */
@Component
class DemoDataSeeder implements ApplicationRunner {

	private static final LocalDateTime FIRST_BAKE = LocalDateTime.of(2025, 1, 6, 18, 0);

	private final EntityManager entityManager;

	private final PriceRepository prices;

	private final TransactionTemplate transactionTemplate;

	DemoDataSeeder(EntityManager entityManager, PriceRepository prices, TransactionTemplate transactionTemplate) {
		this.entityManager = entityManager;
		this.prices = prices;
		this.transactionTemplate = transactionTemplate;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transactionTemplate.executeWithoutResult((status) -> {
			Long pizzas = this.entityManager.createQuery("select count(p) from Pizza p", Long.class).getSingleResult();
			if (pizzas == 0) {
				seed();
			}
		});
	}

	private void seed() {
		Map<String, Topping> toppings = persistAll(Topping::new, "cheese", "tomato", "mushroom", "bacon");
		Map<String, Box> boxes = persistAll(Box::new, "small", "large");
		pizza("Margherita", 0, boxes.get("small"), "8.50", toppings, "cheese", "tomato");
		pizza("Funghi", 1, boxes.get("large"), "9.50", toppings, "cheese", "tomato", "mushroom");
		pizza("Carbonara", 2, boxes.get("large"), "10.00", toppings, "cheese", "bacon");
	}

	private <E> Map<String, E> persistAll(Function<String, E> factory, String... names) {
		Map<String, E> byName = Stream.of(names).collect(Collectors.toMap(Function.identity(), factory));
		byName.values().forEach(this.entityManager::persist);
		return byName;
	}

	private void pizza(String name, int daysAfterFirst, Box box, String euros, Map<String, Topping> toppings,
			String... toppingNames) {
		Pizza pizza = new Pizza(name, FIRST_BAKE.plusDays(daysAfterFirst));
		pizza.setBox(box);
		pizza.setPrice(this.prices.save(new Price(new BigDecimal(euros), "EUR")));
		pizza.setToppings(Arrays.stream(toppingNames).map(toppings::get).collect(Collectors.toCollection(HashSet::new)));
		this.entityManager.persist(pizza);
	}

}
