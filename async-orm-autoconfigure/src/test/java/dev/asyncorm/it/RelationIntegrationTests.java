package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.CreateResult;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.F;
import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.ObjectDoesNotExistException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Related managers from both sides of every kind of relation, with Django's semantics.
 */
class RelationIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private PizzaRepository pizzas;

	@Autowired
	private ToppingRepository toppings;

	@Autowired
	private BoxRepository boxes;

	@Autowired
	private ReporterRepository reporters;

	@Autowired
	private StoryRepository stories;

	@Autowired
	private PublicationRepository publications;

	@Autowired
	private ClubRepository clubs;

	@Autowired
	private MembershipRepository memberships;

	private Topping cheese;

	private Topping tomato;

	private Topping mushroom;

	private Topping bacon;

	private Box small;

	private Box large;

	private Pizza margherita;

	private Pizza funghi;

	private Pizza plain;

	private Reporter alice;

	private Reporter bob;

	private Story first;

	private Story third;

	private Publication nature;

	private Publication science;

	@BeforeEach
	void seed() {
		this.cheese = persist(new Topping("cheese"));
		this.tomato = persist(new Topping("tomato"));
		this.mushroom = persist(new Topping("mushroom"));
		this.bacon = persist(new Topping("bacon"));
		this.small = persist(new Box("small"));
		this.large = persist(new Box("large"));
		this.margherita = new Pizza("margherita", this.small);
		this.margherita.getToppings().addAll(List.of(this.cheese, this.tomato));
		persist(this.margherita);
		this.funghi = new Pizza("funghi", this.large);
		this.funghi.getToppings().addAll(List.of(this.cheese, this.mushroom));
		persist(this.funghi);
		this.plain = persist(new Pizza("plain", null));
		this.alice = persist(new Reporter("alice"));
		this.bob = persist(new Reporter("bob"));
		this.first = persist(new Story("first", this.alice));
		persist(new Story("second", this.alice));
		this.third = persist(new Story("third", this.bob));
		this.nature = persist(new Publication("Nature"));
		this.science = persist(new Publication("Science"));
		Paper a = new Paper("A");
		a.getPublications().add(this.nature);
		persist(a);
		Paper b = new Paper("B");
		b.getPublications().addAll(List.of(this.nature, this.science));
		persist(b);
	}

	private static List<String> names(AsyncQuerySet<Topping> toppings) {
		return toppings.orderBy("name").list().join().stream().map(Topping::getName).toList();
	}

	private static List<String> pizzaNames(AsyncQuerySet<Pizza> pizzas) {
		return pizzas.orderBy("name").list().join().stream().map(Pizza::getName).toList();
	}

	private AsyncRelatedManager<Topping> toppingsOf(Pizza pizza) {
		return this.pizzas.related(pizza, "toppings");
	}

	@Test
	void manyToManyIsAQuerysetOfTheOwnersMembers() {
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese", "tomato");
		assertThat(toppingsOf(this.margherita).count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(names(toppingsOf(this.margherita).filter("name__startswith", "t"))).containsExactly("tomato");
		assertThat(toppingsOf(this.plain).exists()).succeedsWithin(TIMEOUT).isEqualTo(false);
		assertThat(toppingsOf(this.margherita).get("name", "mushroom")).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class);
	}

	@Test
	void theTypedOverloadTakesTheStaticMetamodel() {
		AsyncRelatedManager<Topping> toppings = this.pizzas.related(this.funghi, Pizza_.toppings);
		assertThat(names(toppings)).containsExactly("cheese", "mushroom");
	}

	@Test
	void manyToManyAddIsIdempotent() {
		toppingsOf(this.margherita).add(this.mushroom, this.cheese).join();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese", "mushroom", "tomato");
		toppingsOf(this.margherita).add(this.mushroom).join();
		assertThat(toppingsOf(this.margherita).count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		toppingsOf(this.margherita).addIds(List.of(this.bacon.getId().intValue())).join();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("bacon", "cheese", "mushroom", "tomato");
	}

	@Test
	void manyToManyRemoveOfAnUnrelatedObjectDoesNothing() {
		toppingsOf(this.margherita).remove(this.tomato, this.bacon).join();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese");
		assertThat(names(toppingsOf(this.funghi))).containsExactly("cheese", "mushroom");
	}

	@Test
	void manyToManyClearDeletesNoMember() {
		toppingsOf(this.margherita).clear().join();
		assertThat(names(toppingsOf(this.margherita))).isEmpty();
		assertThat(this.toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThat(names(toppingsOf(this.funghi))).containsExactly("cheese", "mushroom");
	}

	@Test
	void manyToManySetAppliesTheDifference() {
		toppingsOf(this.margherita).set(List.of(this.bacon, this.cheese)).join();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("bacon", "cheese");
		toppingsOf(this.margherita).set(List.of(this.tomato), true).join();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("tomato");
		toppingsOf(this.margherita).setIds(List.of()).join();
		assertThat(names(toppingsOf(this.margherita))).isEmpty();
	}

	@Test
	void manyToManyCreateInsertsAndRelates() {
		Topping olive = toppingsOf(this.margherita).create(Map.of("name", "olive")).join();
		assertThat(olive.getId()).isNotNull();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese", "olive", "tomato");
		CreateResult<Topping> pepper = toppingsOf(this.margherita).getOrCreate(Map.of("name", "pepper")).join();
		assertThat(pepper.created()).isTrue();
		assertThat(toppingsOf(this.margherita).getOrCreate(Map.of("name", "pepper")).join().created()).isFalse();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese", "olive", "pepper", "tomato");
		assertThat(this.toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(6L);
	}

	@Test
	void manyToManyFromTheMappedInverseSide() {
		assertThat(pizzaNames(this.toppings.related(this.cheese, "pizzas"))).containsExactly("funghi", "margherita");
		this.toppings.<Pizza>related(this.bacon, "pizzas").add(this.margherita, this.plain).join();
		assertThat(names(toppingsOf(this.margherita))).containsExactly("bacon", "cheese", "tomato");
		assertThat(names(toppingsOf(this.plain))).containsExactly("bacon");
		this.toppings.<Pizza>related(this.cheese, "pizzas").remove(this.funghi).join();
		assertThat(names(toppingsOf(this.funghi))).containsExactly("mushroom");
	}

	@Test
	void manyToManyFromAnUnmappedInverseSideUsesDjangosSetName() {
		AsyncRelatedManager<Paper> papers = this.publications.related(this.nature, "paper_set");
		assertThat(papers.orderBy("title").list().join()).extracting(Paper::getTitle).containsExactly("A", "B");
		AsyncRelatedManager<Paper> ofScience = this.publications.related(this.science, "paper_set");
		Paper a = papers.get("title", "A").join();
		ofScience.add(a).join();
		assertThat(ofScience.orderBy("title").list().join()).extracting(Paper::getTitle).containsExactly("A", "B");
		ofScience.clear().join();
		assertThat(ofScience.count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		assertThat(papers.count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
	}

	@Test
	void reverseForeignKeyAddMovesChildrenFromAnotherOwner() {
		AsyncRelatedManager<Pizza> inSmall = this.boxes.related(this.small, "pizzas");
		assertThat(pizzaNames(inSmall)).containsExactly("margherita");
		inSmall.add(this.funghi).join();
		assertThat(pizzaNames(inSmall)).containsExactly("funghi", "margherita");
		assertThat(pizzaNames(this.boxes.related(this.large, "pizzas"))).isEmpty();
		assertThat(this.funghi.getBox()).isSameAs(this.small);
	}

	@Test
	void reverseForeignKeyRemoveAndClearSetTheKeyToNull() {
		AsyncRelatedManager<Pizza> inSmall = this.boxes.related(this.small, "pizzas");
		inSmall.add(this.funghi).join();
		inSmall.remove(this.funghi).join();
		assertThat(pizzaNames(inSmall)).containsExactly("margherita");
		assertThat(this.pizzas.relatedObject(this.funghi, "box")).succeedsWithin(TIMEOUT).isEqualTo(Optional.empty());
		inSmall.clear().join();
		assertThat(inSmall.count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		assertThat(this.pizzas.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
	}

	@Test
	void reverseForeignKeyRemoveOfAnotherOwnersChildFails() {
		assertThat(this.boxes.<Pizza>related(this.small, "pizzas").remove(this.funghi)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseExactlyInstanceOf(ObjectDoesNotExistException.class)
			.withMessageContaining("Pizza with id " + this.funghi.getId() + " is not related to Box with id "
					+ this.small.getId() + ".");
		assertThat(pizzaNames(this.boxes.related(this.large, "pizzas"))).containsExactly("funghi");
	}

	@Test
	void reverseForeignKeySetAppliesTheDifference() {
		AsyncRelatedManager<Pizza> inLarge = this.boxes.related(this.large, "pizzas");
		inLarge.set(List.of(this.margherita, this.plain)).join();
		assertThat(pizzaNames(inLarge)).containsExactly("margherita", "plain");
		assertThat(pizzaNames(this.boxes.related(this.small, "pizzas"))).isEmpty();
		assertThat(this.pizzas.relatedObject(this.funghi, "box")).succeedsWithin(TIMEOUT).isEqualTo(Optional.empty());
	}

	@Test
	void unmappedReverseForeignKeyUsesDjangosSetName() {
		AsyncRelatedManager<Story> ofAlice = this.reporters.related(this.alice, "story_set");
		assertThat(ofAlice.orderBy("headline").list().join()).extracting(Story::getHeadline)
			.containsExactly("first", "second");
		ofAlice.add(this.third).join();
		assertThat(ofAlice.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(this.reporters.related(this.bob, "story_set").count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
		CreateResult<Story> fifth = ofAlice.getOrCreate(Map.of("headline", "fifth")).join();
		assertThat(fifth.created()).isTrue();
		assertThat(ofAlice.updateOrCreate(Map.of("headline", "fifth"), Map.of("headline", "fifth")).join().created())
			.isFalse();
		assertThat(this.reporters.related(this.bob, "story_set").getOrCreate(Map.of("headline", "fifth")).join().created())
			.isTrue();
		assertThat(ofAlice.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		Story created = ofAlice.create(Map.of("headline", "fourth")).join();
		assertThat(this.stories.relatedObject(created, "reporter")).succeedsWithin(TIMEOUT)
			.extracting((reporter) -> ((Reporter) reporter.orElseThrow()).getName())
			.isEqualTo("alice");
	}

	@Test
	void aKeyThatIsNotNullableHasNoRemoveOrClearAndSetOnlyAdds() {
		AsyncRelatedManager<Story> ofBob = this.reporters.related(this.bob, "story_set");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> ofBob.remove(this.third))
			.withMessageContaining("remove() is not available on 'story_set': Story.reporter is not nullable");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(ofBob::clear);
		ofBob.set(List.of(this.first)).join();
		assertThat(ofBob.orderBy("headline").list().join()).extracting(Story::getHeadline)
			.containsExactly("first", "third");
	}

	@Test
	void unsavedChildrenNeedBulkFalse() {
		AsyncRelatedManager<Story> ofBob = this.reporters.related(this.bob, "story_set");
		Story unsaved = new Story("unsaved", null);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> ofBob.add(unsaved))
			.withMessageContaining("it is not saved; use add(objects, false) or save it first");
		ofBob.add(List.of(unsaved), false).join();
		assertThat(unsaved.getId()).isNotNull();
		assertThat(ofBob.count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> toppingsOf(this.margherita).add(new Topping("unsaved")))
			.withMessageContaining("it is not saved");
	}

	@Test
	void misuseFailsAtTheCall() {
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.pizzas.related(this.margherita, "topings"))
			.withMessage("Cannot resolve relation 'topings' of Pizza. Relations are: toppings");
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.pizzas.related(this.margherita, "box"))
			.withMessageContaining("read a to-one relation with relatedObject(owner, \"box\")");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.pizzas.related(new Pizza("new", null), "toppings"))
			.withMessageContaining("needs a primary key value");
		@SuppressWarnings({ "rawtypes", "unchecked" })
		AsyncRelatedManager<Object> raw = (AsyncRelatedManager) toppingsOf(this.margherita);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> raw.add(this.small))
			.withMessageContaining("'Topping' instance expected by add(), got Box");
		assertThat(toppingsOf(this.margherita).through(Map.of())).isNotNull();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> toppingsOf(this.margherita).through(Map.of("extra", 1)));
	}

	@Test
	void relatedObjectReadsAForwardToOneRelation() {
		assertThat(this.pizzas.<Box>relatedObject(this.margherita, "box")).succeedsWithin(TIMEOUT)
			.extracting((box) -> box.orElseThrow().getName())
			.isEqualTo("small");
		assertThat(this.pizzas.relatedObject(this.funghi, Pizza_.box)).succeedsWithin(TIMEOUT)
			.extracting((box) -> box.orElseThrow().getName())
			.isEqualTo("large");
		assertThat(this.pizzas.relatedObject(this.plain, "box")).succeedsWithin(TIMEOUT).isEqualTo(Optional.empty());
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> this.pizzas.relatedObject(this.plain, "toppings"))
			.withMessage("'toppings' is not a to-one relation of Pizza. To-one relations are: box");
	}

	@Test
	void deletingAnOwnerDeletesItsJoinRowsAndCountsThem() {
		assertThat(this.pizzas.delete(this.margherita)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(3, Map.of("Pizza_toppings", 2L, "Pizza", 1L)));
		assertThat(this.toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(4L);
		assertThat(pizzaNames(this.toppings.related(this.cheese, "pizzas"))).containsExactly("funghi");
	}

	@Test
	void deletingAMemberFromTheInverseSideDeletesItsJoinRowsToo() {
		assertThat(this.toppings.delete(this.cheese)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(3, Map.of("Pizza_toppings", 2L, "Topping", 1L)));
		assertThat(names(toppingsOf(this.funghi))).containsExactly("mushroom");
		assertThat(this.publications.filter("title", "Nature").delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(3, Map.of("Paper_publications", 2L, "Publication", 1L)));
	}

	@Test
	void querysetDeleteCountsJoinRowsPerRelation() {
		assertThat(this.pizzas.all().delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(7, Map.of("Pizza_toppings", 4L, "Pizza", 3L)));
		assertThat(this.pizzas.all().delete()).succeedsWithin(TIMEOUT).isEqualTo(new DeleteResult(0, Map.of()));
	}

	@Test
	void throughDefaultsFillTheJoinEntitysExtraColumns() {
		Club chess = persist(new Club("chess"));
		Person ann = persist(new Person("ann"));
		Person ben = persist(new Person("ben"));
		Person cat = persist(new Person("cat"));
		AsyncRelatedManager<Person> members = this.clubs.related(chess, "members");
		members.through(Map.of("inviteReason", "founder", "level", "3")).add(ann).join();
		java.util.concurrent.atomic.AtomicInteger levels = new java.util.concurrent.atomic.AtomicInteger();
		java.util.function.Supplier<Integer> nextLevel = levels::incrementAndGet;
		members.through(Map.of("level", nextLevel)).add(ben, cat).join();
		members.through(Map.of()).add(ann).join();
		assertThat(members.orderBy("name").list().join()).extracting(Person::getName).containsExactly("ann", "ben", "cat");
		assertThat(this.memberships.filter("inviteReason", "founder").get().join().getLevel()).isEqualTo(3);
		assertThat(this.memberships.filter("level__in", List.of(1, 2)).count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(this.memberships.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThatExceptionOfType(InvalidLookupException.class)
			.isThrownBy(() -> members.through(Map.of("reason", "x")))
			.withMessage("Cannot resolve through default 'reason' of Membership. Fields are: inviteReason, level");
		assertThat(this.clubs.delete(chess)).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(4, Map.of("Club_members", 3L, "Club", 1L)));
	}

	@Test
	void relatedQuerysetsUpdateAndDeleteOnlyTheOwnersMembers() {
		assertThat(toppingsOf(this.margherita).filter("name", "tomato").update(Map.of("name", "tomatoes")))
			.succeedsWithin(TIMEOUT)
			.isEqualTo(1L);
		assertThat(toppingsOf(this.funghi).update(Map.of("name", F.of("name")))).succeedsWithin(TIMEOUT).isEqualTo(2L);
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese", "tomatoes");
		assertThat(toppingsOf(this.funghi).filter("name", "mushroom").delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(2, Map.of("Pizza_toppings", 1L, "Topping", 1L)));
		assertThat(this.boxes.related(this.large, "pizzas").delete()).succeedsWithin(TIMEOUT)
			.isEqualTo(new DeleteResult(2, Map.of("Pizza_toppings", 1L, "Pizza", 1L)));
		assertThat(this.toppings.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);
		assertThat(this.pizzas.count()).succeedsWithin(TIMEOUT).isEqualTo(2L);
	}

	@Test
	void aFailedChangeLeavesTheRelationUnchanged() {
		assertThat(toppingsOf(this.margherita).addIds(List.of(this.bacon.getId(), -1L))).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
		assertThat(names(toppingsOf(this.margherita))).containsExactly("cheese", "tomato");
	}

}
