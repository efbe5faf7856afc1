package dev.asyncorm.demo;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's REST API on a real server, over the data the seeder inserts. Tests that write
 * remove what they added, so the order they run in does not matter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class DemoApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private RestTestClient client;

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private ToppingRepository toppings;

	@Test
	void listsEveryPizzaInTheModelsDefaultOrder() {
		List<PizzaJson> pizzas = getPizzas("/pizzas");
		assertThat(pizzas).extracting(PizzaJson::name).containsExactly("Carbonara", "Funghi", "Margherita");
		assertThat(pizzas).allSatisfy((pizza) -> {
			assertThat(pizza.id()).isNotNull();
			assertThat(pizza.createdAt()).isNotNull();
		});
	}

	@Test
	void filtersByCaseInsensitivePrefix() {
		assertThat(getPizzas("/pizzas?name=fu")).extracting(PizzaJson::name).containsExactly("Funghi");
	}

	@Test
	void derivedQueryMethodRunsAndIsCaseSensitive() {
		assertThat(getPizzas("/pizzas/search?prefix=Ma")).extracting(PizzaJson::name).containsExactly("Margherita");
		assertThat(getPizzas("/pizzas/search?prefix=ma")).isEmpty();
	}

	@Test
	void groupsPizzasByTheirNumberOfToppings() {
		this.client.get()
			.uri("/pizzas/by-toppings")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					[{"name":"Funghi","box__name":"large","toppingCount":3},
					 {"name":"Carbonara","box__name":"large","toppingCount":2},
					 {"name":"Margherita","box__name":"small","toppingCount":2}]""", JsonCompareMode.STRICT);
	}

	@Test
	void aggregatesPricesAcrossTheOneToOneRelation() {
		this.client.get()
			.uri("/pizzas/prices")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"pizzas":3,"price__amount__min":8.50,"price__amount__max":10.00}""", JsonCompareMode.STRICT);
	}

	@Test
	void getsOnePizzaById() {
		PizzaJson funghi = getPizzas("/pizzas?name=Funghi").get(0);
		PizzaJson found = this.client.get()
			.uri("/pizzas/{id}", funghi.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PizzaJson.class)
			.returnResult()
			.getResponseBody();
		assertThat(found).isEqualTo(funghi);
	}

	@Test
	void unknownIdIsNotFoundWithTheErrorMessage() {
		this.client.get()
			.uri("/pizzas/999999")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.json("{\"error\": \"Pizza matching query does not exist.\"}", JsonCompareMode.STRICT);
	}

	@Test
	void createsAPizzaAndTheCountSeesIt() {
		assertThat(count()).isEqualTo(3);
		try {
			PizzaJson created = this.client.post()
				.uri("/pizzas")
				.body(Map.of("name", "Quattro Formaggi"))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(PizzaJson.class)
				.returnResult()
				.getResponseBody();
			assertThat(created).isNotNull();
			assertThat(created.id()).isNotNull();
			assertThat(created.name()).isEqualTo("Quattro Formaggi");
			assertThat(created.createdAt()).isNotNull();
			assertThat(count()).isEqualTo(4);
		}
		finally {
			assertThat(this.pizzas.all().filter("name", "Quattro Formaggi").delete()).succeedsWithin(WAIT);
		}
		assertThat(count()).isEqualTo(3);
	}

	@Test
	void getOrCreateToppingCreatesOnceThenFindsTheSameRow() {
		try {
			ToppingJson first = postTopping("olive", HttpStatus.CREATED);
			ToppingJson second = postTopping("olive", HttpStatus.OK);
			assertThat(first.created()).isTrue();
			assertThat(second.created()).isFalse();
			assertThat(second.id()).isEqualTo(first.id());
			assertThat(second.name()).isEqualTo("olive");
		}
		finally {
			assertThat(this.toppings.all().filter("name", "olive").delete()).succeedsWithin(WAIT);
		}
	}

	@Test
	void toppingsOfAPizzaAreAddedRemovedAndSet() {
		long margherita = getPizzas("/pizzas?name=Margherita").get(0).id();
		long mushroom = this.toppings.get("name", "mushroom").join().getId();
		long bacon = this.toppings.get("name", "bacon").join().getId();
		List<Long> original = toppingsOf(margherita).stream().map(ToppingItemJson::id).toList();
		assertThat(toppingsOf(margherita)).extracting(ToppingItemJson::name).containsExactly("cheese", "tomato");
		try {
			assertThat(changeToppings("POST", "/pizzas/{id}/toppings", margherita, List.of(mushroom, mushroom)))
				.extracting(ToppingItemJson::name)
				.containsExactly("cheese", "mushroom", "tomato");
			assertThat(changeToppings("DELETE", "/pizzas/{id}/toppings/" + mushroom, margherita, null))
				.extracting(ToppingItemJson::name)
				.containsExactly("cheese", "tomato");
			assertThat(changeToppings("PUT", "/pizzas/{id}/toppings", margherita, List.of(bacon)))
				.extracting(ToppingItemJson::name)
				.containsExactly("bacon");
			this.client.post()
				.uri("/pizzas/{id}/toppings", margherita)
				.body(Map.of("ids", List.of(999999)))
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.CONFLICT);
			assertThat(toppingsOf(margherita)).extracting(ToppingItemJson::name).containsExactly("bacon");
		}
		finally {
			changeToppings("PUT", "/pizzas/{id}/toppings", margherita, original);
		}
		assertThat(toppingsOf(margherita)).extracting(ToppingItemJson::name).containsExactly("cheese", "tomato");
	}

	private List<ToppingItemJson> toppingsOf(long pizza) {
		return this.client.get()
			.uri("/pizzas/{id}/toppings", pizza)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<ToppingItemJson>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private List<ToppingItemJson> changeToppings(String method, String uri, long pizza, List<Long> ids) {
		var request = this.client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri, pizza);
		var response = (ids != null) ? request.body(Map.of("ids", ids)).exchange() : request.exchange();
		return response.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<ToppingItemJson>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	@Test
	void operationsAreMeasuredPerRepository() {
		getPizzas("/pizzas");
		Map<String, Object> metric = this.client.get()
			.uri("/actuator/metrics/async.orm.operations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(metric).isNotNull();
		assertThat(metric).extractingByKey("availableTags")
			.asInstanceOf(InstanceOfAssertFactories.list(Map.class))
			.extracting((tag) -> tag.get("tag"))
			.contains("repository");
	}

	private List<PizzaJson> getPizzas(String uri) {
		List<PizzaJson> pizzas = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<PizzaJson>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(pizzas).isNotNull();
		return pizzas;
	}

	private long count() {
		CountJson count = this.client.get()
			.uri("/pizzas/count")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CountJson.class)
			.returnResult()
			.getResponseBody();
		assertThat(count).isNotNull();
		return count.count();
	}

	private ToppingJson postTopping(String name, HttpStatus expected) {
		ToppingJson topping = this.client.post()
			.uri("/toppings")
			.body(Map.of("name", name))
			.exchange()
			.expectStatus()
			.isEqualTo(expected)
			.expectBody(ToppingJson.class)
			.returnResult()
			.getResponseBody();
		assertThat(topping).isNotNull();
		return topping;
	}

	record PizzaJson(Long id, String name, LocalDateTime createdAt) {
	}

	record ToppingJson(Long id, String name, boolean created) {
	}

	record CountJson(long count) {
	}

	record ToppingItemJson(Long id, String name) {
	}

}
