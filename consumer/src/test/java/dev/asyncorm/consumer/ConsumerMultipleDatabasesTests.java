package dev.asyncorm.consumer;

import java.time.Duration;

import dev.asyncorm.AsyncOrm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second database configured as users configure it, in the WebFlux application with Actuator
 * and Security: an embedded H2 of its own on the default profile, the profile's database itself
 * on PostgreSQL and MariaDB (standing in for a replica). Actuator's health reports each alias;
 * the operations carry the {@code database} tag.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.name=admin", "spring.security.user.password=secret",
				"async-orm.databases.archive.url=${spring.datasource.url:jdbc:h2:mem:consumer_archive;DB_CLOSE_DELAY=-1}",
				"async-orm.databases.archive.username=${spring.datasource.username:sa}",
				"async-orm.databases.archive.password=${spring.datasource.password:}",
				"management.endpoint.health.show-components=always" })
class ConsumerMultipleDatabasesTests {

	@Autowired
	private ReadingRepository readings;

	@Autowired
	private AsyncOrm orm;

	@Autowired
	private Environment environment;

	private WebTestClient client;

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.environment.getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(60))
			.build();
	}

	@Test
	void healthReportsEachDatabaseAndOperationsAreTaggedWithTheirs() {
		this.readings.count().join();
		this.orm.atomic("archive", () -> 1).join();

		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.db.components.default.status").isEqualTo("UP")
			.jsonPath("$.components.db.components.archive.status").isEqualTo("UP");
		this.client.get().uri("/actuator/metrics/async.orm.operations?tag=database:archive")
			.headers((headers) -> headers.setBasicAuth("admin", "secret"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value").isEqualTo(1.0);
	}

}
