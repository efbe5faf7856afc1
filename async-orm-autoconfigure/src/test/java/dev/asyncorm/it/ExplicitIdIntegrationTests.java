package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import dev.asyncorm.BulkCreateOptions;
import dev.asyncorm.CreateResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An id set on a model whose identity column generates it is inserted as given, as Django
 * inserts a preset {@code AutoField}; the identity then moves past it, so that the ids it
 * generates later do not collide.
 */
class ExplicitIdIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private TagRepository tags;

	@Autowired
	private DataSource dataSource;

	/** The statements that follow an insert with given ids, moving the identity past them. */
	private static List<String> identityAdvance(boolean behind) {
		return switch (database()) {
			case POSTGRES -> List.of("select setval");
			case H2 -> behind ? List.of("select identity_base", "alter table tag") : List.of("select identity_base");
			case MARIADB -> List.of();
		};
	}

	private Tag tag(String name, Long id) {
		Tag tag = new Tag(name);
		tag.setId(id);
		return tag;
	}

	@Test
	void createInsertsTheGivenIdAndLaterIdsDoNotCollide() {
		long last = this.tags.create(new Tag("generated")).join().getId();

		this.recorder.reset();
		Tag given = tag("given", last + 10);
		assertThat(this.tags.create(given)).succeedsWithin(TIMEOUT).isSameAs(given);
		assertThat(statementStarts()).containsExactlyElementsOf(
				concat(List.of("insert into tag (id, "), identityAdvance(true)));
		assertThat(nameOf(last + 10)).isEqualTo("given");

		Tag fromMap = this.tags.create(Map.of("id", last + 20, "name", "from map")).join();
		assertThat(fromMap.getId()).isEqualTo(last + 20);
		assertThat(nameOf(last + 20)).isEqualTo("from map");

		assertThat(this.tags.create(new Tag("next")).join().getId()).isEqualTo(last + 21);
		this.recorder.reset();
		assertThat(this.tags.create(tag("below", last + 5)).join().getId()).isEqualTo(last + 5);
		assertThat(statementStarts()).containsExactlyElementsOf(
				concat(List.of("insert into tag (id, "), identityAdvance(false)));
		assertThat(this.tags.create(new Tag("after below")).join().getId()).isEqualTo(last + 22);
	}

	@Test
	void aTakenIdFailsAndSaveUpdatesItsRowInstead() {
		Tag existing = persist(new Tag("existing"));
		Tag same = tag("renamed", existing.getId());

		assertThat(this.tags.create(same)).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(nameOf(existing.getId())).isEqualTo("existing");
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);

		assertThat(this.tags.save(same)).succeedsWithin(TIMEOUT).extracting(Tag::getId).isEqualTo(existing.getId());
		assertThat(nameOf(existing.getId())).isEqualTo("renamed");
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
	}

	@Test
	void saveOfAnIdWithoutARowInsertsItWithThatId() {
		long last = this.tags.create(new Tag("generated")).join().getId();
		Tag missing = tag("missing", last + 7);

		assertThat(this.tags.save(missing)).succeedsWithin(TIMEOUT).isSameAs(missing);
		assertThat(nameOf(last + 7)).isEqualTo("missing");
		assertThat(this.tags.create(new Tag("next")).join().getId()).isEqualTo(last + 8);
	}

	@Test
	void getOrCreateCreatesTheGivenIdOrReRaisesWhenItIsTakenByAnotherRow() {
		long id = this.tags.create(new Tag("generated")).join().getId() + 40;

		CreateResult<Tag> created = this.tags.getOrCreate(Map.of("id", id), Map.of("name", "forty")).join();
		assertThat(created.created()).isTrue();
		assertThat(created.object().getId()).isEqualTo(id);
		assertThat(nameOf(id)).isEqualTo("forty");

		CreateResult<Tag> found = this.tags.getOrCreate(Map.of("id", id), Map.of("name", "other")).join();
		assertThat(found.created()).isFalse();
		assertThat(found.object().getName()).isEqualTo("forty");

		assertThat(this.tags.getOrCreate(Map.of("id", id, "name", "other"))).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(2L);

		CreateResult<Tag> byPk = this.tags.getOrCreate(Map.of("pk", String.valueOf(id + 1)), Map.of("name", "pk")).join();
		assertThat(byPk.created()).isTrue();
		assertThat(byPk.object().getId()).isEqualTo(id + 1);
		assertThat(nameOf(id + 1)).isEqualTo("pk");
	}

	@Test
	void concurrentGetOrCreateWithTheSameIdMakesOneRow() {
		long base = this.tags.create(new Tag("generated")).join().getId() + 100;
		for (long id = base; id < base + 10; id++) {
			CompletableFuture<CreateResult<Tag>> first = this.tags.getOrCreate(Map.of("id", id), Map.of("name", "a" + id));
			CompletableFuture<CreateResult<Tag>> second = this.tags.getOrCreate(Map.of("id", id), Map.of("name", "b" + id));
			List<CreateResult<Tag>> results = List.of(first.join(), second.join());
			assertThat(results).extracting(CreateResult::created).containsExactlyInAnyOrder(true, false);
			long expected = id;
			assertThat(results).extracting((result) -> result.object().getId()).containsOnly(expected);
		}
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(11L);
	}

	@Test
	void bulkCreateInsertsGivenIdsApartFromGeneratedOnes() {
		long last = this.tags.create(new Tag("generated")).join().getId();
		List<Tag> objects = List.of(tag("a", last + 100), new Tag("b"), tag("c", last + 101), new Tag("d"));

		this.recorder.reset();
		assertThat(this.tags.bulkCreate(objects)).succeedsWithin(TIMEOUT).isSameAs(objects);
		assertThat(objects).extracting(Tag::getId).containsExactly(last + 100, last + 102, last + 101, last + 103);
		assertThat(statementStarts()).containsExactlyElementsOf(concat(
				concat(List.of("insert into tag (id, "), identityAdvance(true)), List.of("insert into tag (name, ")));
		assertThat(nameOf(last + 102)).isEqualTo("b");
		assertThat(this.tags.create(new Tag("next")).join().getId()).isEqualTo(last + 104);
	}

	@Test
	void aDuplicateIdFailsTheWholeBulkCreate() {
		Tag existing = persist(new Tag("existing"));
		Tag fresh = new Tag("fresh");

		assertThat(this.tags.bulkCreate(List.of(fresh, tag("dup", existing.getId())))).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(DataIntegrityViolationException.class);
		assertThat(fresh.getId()).isNull();
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(1L);
	}

	@Test
	void bulkCreateSkipsConflictingIdsOrUpdatesOnThePrimaryKey() {
		Tag existing = persist(new Tag("existing"));
		long free = existing.getId() + 50;

		List<Tag> skipped = List.of(tag("clash", existing.getId()), tag("free", free), new Tag("generated"));
		assertThat(this.tags.bulkCreate(skipped, BulkCreateOptions.defaults().ignoreConflicts(true)))
			.succeedsWithin(TIMEOUT);
		assertThat(nameOf(existing.getId())).isEqualTo("existing");
		assertThat(nameOf(free)).isEqualTo("free");
		assertThat(skipped.get(0).getId()).isEqualTo(existing.getId());
		assertThat(skipped.get(2).getId()).isNull();
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(3L);

		List<Tag> upserted = List.of(tag("updated", existing.getId()), tag("new", free + 10), new Tag("plain"));
		assertThat(this.tags.bulkCreate(upserted,
				BulkCreateOptions.defaults().updateConflicts(List.of("name"), List.of("id"))))
			.succeedsWithin(TIMEOUT);
		assertThat(nameOf(existing.getId())).isEqualTo("updated");
		assertThat(nameOf(free + 10)).isEqualTo("new");
		assertThat(upserted).extracting(Tag::getId).containsExactly(existing.getId(), free + 10, free + 11);
		assertThat(nameOf(free + 11)).isEqualTo("plain");
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(5L);
	}

	private List<String> statementStarts() {
		return this.recorder.sql().stream().map((sql) -> {
			String lower = sql.toLowerCase(java.util.Locale.ROOT);
			for (String start : List.of("insert into tag (id, ", "insert into tag (name, ", "select setval",
					"select identity_base", "alter table tag")) {
				if (lower.startsWith(start)) {
					return start;
				}
			}
			return lower;
		}).toList();
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

	private String nameOf(long id) {
		return new JdbcTemplate(this.dataSource).queryForObject("select name from tag where id = ?", String.class, id);
	}

}
