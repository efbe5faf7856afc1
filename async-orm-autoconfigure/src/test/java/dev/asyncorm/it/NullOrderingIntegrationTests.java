package dev.asyncorm.it;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's {@code default_null_ordering} puts {@code NULL}s last on every database; an
 * iteration ordered by a nullable field follows it, as {@code list()} does, chunk after chunk.
 */
@TestPropertySource(properties = { "spring.jpa.properties.hibernate.order_by.default_null_ordering=last",
		"async-orm.iterator.chunk-size=2" })
class NullOrderingIntegrationTests extends AbstractIntegrationTests {

	@Autowired
	private ReadingRepository readings;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	@AfterEach
	void emptyReadings() {
		this.jdbc.update("delete from reading");
	}

	@Test
	void anIterationKeepsTheConfiguredNullOrdering() {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			rows.add(new Object[] { "s", i, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 0, 0)),
					(i % 3 == 0) ? null : "n" + (i % 2) });
		}
		this.jdbc.batchUpdate("insert into reading (site, score, taken_at, note) values (?, ?, ?, ?)", rows);
		for (String order : List.of("note", "-note")) {
			List<Reading> listed = this.readings.orderBy(order, "id").list().join();
			assertThat(listed.get(listed.size() - 1).getNote()).isNull();
			List<Reading> iterated = new CopyOnWriteArrayList<>();
			assertThat(this.readings.orderBy(order).forEach(iterated::add)).succeedsWithin(Duration.ofSeconds(20));
			assertThat(iterated).extracting(Reading::getId)
				.containsExactlyElementsOf(listed.stream().map(Reading::getId).toList());
		}
	}

}
