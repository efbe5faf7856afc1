package dev.asyncorm.execution;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each operation is an observation, the child of what the requesting thread observes, and its
 * work sees that thread's MDC and Spring Security context on the executor thread, which gets its
 * own back afterwards.
 */
class CallerContextPropagationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final OperationDispatcher dispatcher;

	CallerContextPropagationTests() {
		this.executor.setCorePoolSize(1);
		this.executor.setMaxPoolSize(1);
		this.executor.setThreadNamePrefix("test-orm-");
		this.executor.initialize();
		this.dispatcher = new OperationDispatcher(this.executor,
				new MicrometerOperationMetrics(this.observations, new SimpleMeterRegistry()),
				new PersistenceExceptions(null));
	}

	@AfterEach
	void clear() {
		this.executor.shutdown();
		MDC.clear();
		SecurityContextHolder.clearContext();
	}

	@Test
	void anOperationIsAnObservationChildOfTheCallersAndParentOfWhatItsWorkObserves() {
		Observation request = Observation.start("http.server.requests", this.observations);
		CompletableFuture<String> future;
		try (Observation.Scope scope = request.openScope()) {
			future = this.dispatcher.submit("PizzaRepository", "filter",
					() -> Observation.createNotStarted("statement", this.observations)
						.observe(() -> Thread.currentThread().getName()));
		}
		assertThat(future).succeedsWithin(TIMEOUT).asString().startsWith("test-orm-");
		request.stop();

		TestObservationRegistryAssert.assertThat(this.observations)
			.hasNumberOfObservationsEqualTo(3)
			.hasObservationWithNameEqualTo("async.orm.operations")
			.that()
			.hasContextualNameEqualTo("PizzaRepository.filter")
			.hasLowCardinalityKeyValue("repository", "PizzaRepository")
			.hasLowCardinalityKeyValue("operation", "filter")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasParentObservationEqualTo(request)
			.hasBeenStarted()
			.hasBeenStopped();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("statement")
			.that()
			.hasParentObservationContextMatching((parent) -> parent.getName().equals("async.orm.operations"));
	}

	@Test
	void aFailedOperationIsObservedWithItsOutcomeAndError() {
		CompletableFuture<Object> future = this.dispatcher.submit("PizzaRepository", "get", () -> {
			throw new EmptyResultDataAccessException(1);
		});
		assertThat(future).failsWithin(TIMEOUT);

		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("async.orm.operations")
			.that()
			.hasLowCardinalityKeyValue("outcome", "error")
			.assertThatError()
			.isInstanceOf(EmptyResultDataAccessException.class);
	}

	@Test
	void theWorkSeesTheCallersMdcAndSecurityContextAndTheThreadGetsItsOwnBack() {
		Authentication ann = new TestingAuthenticationToken("ann", "secret", "ROLE_USER");
		SecurityContextHolder.getContext().setAuthentication(ann);
		MDC.put("requestId", "r-42");

		CompletableFuture<List<Object>> seen = this.dispatcher.submit("PizzaRepository", "get",
				() -> Arrays.asList(MDC.get("requestId"),
						SecurityContextHolder.getContext().getAuthentication()));

		assertThat(seen).succeedsWithin(TIMEOUT).isEqualTo(Arrays.asList("r-42", ann));
		MDC.clear();
		SecurityContextHolder.clearContext();
		CompletableFuture<List<Object>> after = this.dispatcher.submit("PizzaRepository", "get",
				() -> Arrays.asList(MDC.get("requestId"),
						SecurityContextHolder.getContext().getAuthentication()));
		assertThat(after).succeedsWithin(TIMEOUT).isEqualTo(Arrays.asList(null, null));
	}

}
