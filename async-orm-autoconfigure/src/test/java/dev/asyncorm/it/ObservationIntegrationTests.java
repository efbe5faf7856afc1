package dev.asyncorm.it;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import dev.asyncorm.AsyncOrm;
import dev.asyncorm.execution.OperationContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations are observations of the application's {@link ObservationRegistry}: the timer comes
 * from Spring Boot's meter handler, and every operation is the child of what observed its
 * request, on the executor, inside {@code atomic} and chunk after chunk of an iteration.
 */
class ObservationIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Recorder RECORDER = new Recorder();

	@Autowired
	private ObservationRegistry observations;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private TagRepository tags;

	@Autowired
	private AsyncOrm orm;

	@BeforeEach
	void record() {
		if (RECORDER.registeredWith != this.observations) {
			this.observations.observationConfig().observationHandler(RECORDER);
			RECORDER.registeredWith = this.observations;
		}
		RECORDER.stopped.clear();
		RECORDER.recording = true;
	}

	@AfterEach
	void stopRecording() {
		RECORDER.recording = false;
	}

	@Test
	void theOperationsTimerIsTheObservations() {
		this.tags.create(new Tag("fresh")).join();

		assertThat(this.meters.get("async.orm.operations")
			.tags("repository", "TagRepository", "operation", "create", "outcome", "success", "error", "none")
			.timer()
			.count()).isPositive();
		assertThat(RECORDER.operations()).extracting(Observation.Context::getContextualName)
			.containsExactly("TagRepository.create");
	}

	@Test
	void everyChunkOfAnIterationIsAChildOfTheSubscribersObservation() {
		for (String name : List.of("a", "b", "c", "d", "e")) {
			persist(new Tag(name));
		}
		Observation request = Observation.start("request", this.observations);
		Collector collector = new Collector();
		try (Observation.Scope scope = request.openScope()) {
			this.tags.all().orderBy("name").iterator(2).subscribe(collector);
		}
		assertThat(collector.done).succeedsWithin(TIMEOUT).isEqualTo(List.of("a", "b", "c", "d", "e"));
		request.stop();

		// Three chunks: two full ones, then the last row.
		assertThat(RECORDER.operations()).hasSize(3).allSatisfy((operation) -> {
			assertThat(operation.getOperation()).isEqualTo("iterator");
			assertThat(operation.getParentObservation()).isSameAs(request);
		});
	}

	@Test
	void anOperationInsideAtomicIsTheChildOfTheAtomicOperation() {
		assertThat(this.orm.atomic(() -> this.tags.count().join())).succeedsWithin(TIMEOUT).isEqualTo(0L);

		List<OperationContext> operations = RECORDER.operations();
		assertThat(operations).extracting(OperationContext::getOperation).containsExactly("count", "atomic");
		assertThat(operations.get(0).getParentObservation().getContextView()).isSameAs(operations.get(1));
	}

	/** Keeps the contexts of the observations stopped while a test records. */
	private static final class Recorder implements ObservationHandler<Observation.Context> {

		private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		private volatile boolean recording;

		private volatile ObservationRegistry registeredWith;

		@Override
		public void onStop(Observation.Context context) {
			if (this.recording) {
				this.stopped.add(context);
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<OperationContext> operations() {
			return this.stopped.stream()
				.filter(OperationContext.class::isInstance)
				.map(OperationContext.class::cast)
				.toList();
		}

	}

	/** Requests every row at once and collects their names. */
	private static final class Collector implements Flow.Subscriber<Tag> {

		private final List<String> names = new CopyOnWriteArrayList<>();

		private final CompletableFuture<List<String>> done = new CompletableFuture<>();

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Tag tag) {
			this.names.add(tag.getName());
		}

		@Override
		public void onError(Throwable failure) {
			this.done.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.done.complete(this.names);
		}

	}

}
