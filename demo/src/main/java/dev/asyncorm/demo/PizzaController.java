package dev.asyncorm.demo;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.Aggregate;
import dev.asyncorm.AsyncQuerySet;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pizzeria's REST API. Every handler returns the repository's future, so no servlet thread
 * waits for the database: Spring MVC completes the response when the future does. Entities come
 * back detached with their lazy relations unloaded, so only their basic fields are mapped into
 * the response records.
 */
@RestController
class PizzaController {

	private final PizzaRepository pizzas;

	private final ToppingRepository toppings;

	PizzaController(PizzaRepository pizzas, ToppingRepository toppings) {
		this.pizzas = pizzas;
		this.toppings = toppings;
	}

	/** Every pizza in the model's default order (by name), or those whose name starts with {@code name}. */
	@GetMapping("/pizzas")
	CompletableFuture<List<PizzaView>> list(@RequestParam(required = false) @Nullable String name) {
		AsyncQuerySet<Pizza> pizzas = (name != null) ? this.pizzas.filter("name__istartswith", name) : this.pizzas.all();
		return pizzas.list().thenApply(PizzaView::listOf);
	}

	/** The derived query method, case-sensitive. */
	@GetMapping("/pizzas/search")
	CompletableFuture<List<PizzaView>> search(@RequestParam String prefix) {
		return this.pizzas.findByNameStartingWith(prefix).thenApply(PizzaView::listOf);
	}

	/**
	 * Pizzas by number of toppings, most first, Django's
	 * {@code values("name", "box__name").annotate(topping_count=Count("toppings"))}: one
	 * {@code GROUP BY} query across the many-to-many relation and the box.
	 */
	@GetMapping("/pizzas/by-toppings")
	CompletableFuture<List<Map<String, Object>>> byToppings() {
		return this.pizzas.values("name", "box__name")
			.annotate("toppingCount", Aggregate.count("toppings"))
			.orderBy("-toppingCount", "name")
			.list();
	}

	/** The menu's prices across the one-to-one relation, Django's {@code aggregate(Min("price__amount"), …)}. */
	@GetMapping("/pizzas/prices")
	CompletableFuture<Map<String, Object>> prices() {
		return this.pizzas.aggregate(Aggregate.count("pk").as("pizzas"), Aggregate.min("price__amount"),
				Aggregate.max("price__amount"));
	}

	@GetMapping("/pizzas/count")
	CompletableFuture<CountView> count() {
		return this.pizzas.count().thenApply(CountView::new);
	}

	/** One pizza; an unknown id completes with {@code ObjectDoesNotExistException}, answered with 404. */
	@GetMapping("/pizzas/{id}")
	CompletableFuture<PizzaView> get(@PathVariable long id) {
		return this.pizzas.get("pk", id).thenApply(PizzaView::of);
	}

	@PostMapping("/pizzas")
	CompletableFuture<ResponseEntity<PizzaView>> create(@RequestBody NameRequest request) {
		return this.pizzas.create(Map.of("name", request.requiredName(), "createdAt", LocalDateTime.now()))
			.thenApply((pizza) -> ResponseEntity.status(HttpStatus.CREATED).body(PizzaView.of(pizza)));
	}

	/** Django's {@code get_or_create}: 201 when the topping was created, 200 when it existed. */
	@PostMapping("/toppings")
	CompletableFuture<ResponseEntity<ToppingView>> getOrCreateTopping(@RequestBody NameRequest request) {
		return this.toppings.getOrCreate(Map.of("name", request.requiredName()))
			.thenApply((result) -> ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(ToppingView.of(result.object(), result.created())));
	}

	/** A pizza's toppings, through its related manager named by the JPA static metamodel. */
	@GetMapping("/pizzas/{id}/toppings")
	CompletableFuture<List<ToppingItem>> toppings(@PathVariable long id) {
		return this.pizzas.get("pk", id).thenCompose(this::toppingsOf);
	}

	/** Django's {@code pizza.toppings.aadd(*ids)}: idempotent, one query and one insert. */
	@PostMapping("/pizzas/{id}/toppings")
	CompletableFuture<List<ToppingItem>> addToppings(@PathVariable long id, @RequestBody IdsRequest request) {
		return this.pizzas.get("pk", id)
			.thenCompose((pizza) -> this.pizzas.related(pizza, "toppings").addIds(request.ids())
				.thenCompose((done) -> toppingsOf(pizza)));
	}

	/** Django's {@code pizza.toppings.aset(ids)}: applies the difference. */
	@PutMapping("/pizzas/{id}/toppings")
	CompletableFuture<List<ToppingItem>> setToppings(@PathVariable long id, @RequestBody IdsRequest request) {
		return this.pizzas.get("pk", id)
			.thenCompose((pizza) -> this.pizzas.related(pizza, Pizza_.toppings).setIds(request.ids())
				.thenCompose((done) -> toppingsOf(pizza)));
	}

	/** Django's {@code pizza.toppings.aremove(topping_id)}: the topping itself stays. */
	@DeleteMapping("/pizzas/{id}/toppings/{toppingId}")
	CompletableFuture<List<ToppingItem>> removeTopping(@PathVariable long id, @PathVariable long toppingId) {
		return this.pizzas.get("pk", id)
			.thenCompose((pizza) -> this.pizzas.related(pizza, Pizza_.toppings).removeIds(List.of(toppingId))
				.thenCompose((done) -> toppingsOf(pizza)));
	}

	private CompletableFuture<List<ToppingItem>> toppingsOf(Pizza pizza) {
		return this.pizzas.related(pizza, Pizza_.toppings).orderBy("name").list().thenApply(ToppingItem::listOf);
	}

	/** The body of the toppings requests. */
	record IdsRequest(List<Long> ids) {

		IdsRequest {
			if (ids == null) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "ids is required");
			}
		}

	}

	/** A topping of a pizza. */
	record ToppingItem(@Nullable Long id, String name) {

		static List<ToppingItem> listOf(List<Topping> toppings) {
			return toppings.stream().map((topping) -> new ToppingItem(topping.getId(), topping.getName())).toList();
		}

	}

	/** The body of the POST requests. */
	record NameRequest(@Nullable String name) {

		String requiredName() {
			if (this.name == null || this.name.isBlank()) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "name is required");
			}
			return this.name;
		}

	}

	/** A pizza as the API shows it: its basic fields only. */
	record PizzaView(@Nullable Long id, String name, @Nullable LocalDateTime createdAt) {

		static PizzaView of(Pizza pizza) {
			return new PizzaView(pizza.getId(), pizza.getName(), pizza.getCreatedAt());
		}

		static List<PizzaView> listOf(List<Pizza> pizzas) {
			return pizzas.stream().map(PizzaView::of).toList();
		}

	}

	/** A topping and whether the request created it. */
	record ToppingView(@Nullable Long id, String name, boolean created) {

		static ToppingView of(Topping topping, boolean created) {
			return new ToppingView(topping.getId(), topping.getName(), created);
		}

	}

	record CountView(long count) {
	}

}
