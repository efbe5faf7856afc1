package dev.asyncorm.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.EntityNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.orm.jpa.JpaObjectRetrievalFailureException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class OperationDispatcherTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	private final OperationDispatcher dispatcher;

	OperationDispatcherTests() {
		this.executor.setCorePoolSize(1);
		this.executor.setMaxPoolSize(1);
		this.executor.setQueueCapacity(1);
		this.executor.setThreadNamePrefix("test-orm-");
		this.executor.initialize();
		this.dispatcher = new OperationDispatcher(this.executor, metrics(), new PersistenceExceptions(null));
	}

	@AfterEach
	void shutdown() {
		this.executor.shutdown();
	}

	private double count(String outcome) {
		return this.registry.get("async.orm.operations")
			.tags("repository", "Repo", "operation", "op", "outcome", outcome)
			.timer()
			.count();
	}

	@Test
	void runsWorkOnTheExecutorAndRecordsIt() {
		assertThat(this.dispatcher.submit("Repo", "op", () -> Thread.currentThread().getName()))
			.succeedsWithin(TIMEOUT)
			.asString()
			.startsWith("test-orm-");
		assertThat(count("success")).isEqualTo(1);
		assertThat(this.registry.get("async.orm.queue.wait").timer().count()).isEqualTo(1);
	}

	@Test
	void failuresAreTranslatedAndRecorded() {
		assertThat(this.dispatcher.submit("Repo", "op", () -> {
			throw new EntityNotFoundException("gone");
		})).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(JpaObjectRetrievalFailureException.class);
		assertThat(count("error")).isEqualTo(1);
	}

	@Test
	void aStatementTimeoutIsRecordedAsATimeout() {
		assertThat(this.dispatcher.submit("Repo", "op", () -> {
			throw new jakarta.persistence.QueryTimeoutException("too slow");
		})).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(QueryTimeoutException.class);
		assertThat(count("timeout")).isEqualTo(1);
		assertThat(this.registry.find("async.orm.operations").tag("outcome", "error").timer()).isNull();
	}

	@Test
	void aFullQueueFailsTheFutureWithoutBlockingTheCaller() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Boolean> running = this.dispatcher.submit("Repo", "op", () -> {
			started.countDown();
			return release.await(10, TimeUnit.SECONDS);
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Integer> queued = this.dispatcher.submit("Repo", "op", () -> 2);
		CompletableFuture<Integer> rejected = this.dispatcher.submit("Repo", "op", () -> 3);
		assertThat(rejected).isCompletedExceptionally();
		assertThat(rejected).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(TaskRejectedException.class);
		assertThat(count("rejected")).isEqualTo(1);
		release.countDown();
		assertThat(running).succeedsWithin(TIMEOUT).isEqualTo(true);
		assertThat(queued).succeedsWithin(TIMEOUT).isEqualTo(2);
	}

	@Test
	void aFutureCancelledBeforeItStartsNeverRuns() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.dispatcher.submit("Repo", "op", () -> release.await(10, TimeUnit.SECONDS));
		AtomicBoolean ran = new AtomicBoolean();
		CompletableFuture<Boolean> queued = this.dispatcher.submit("Repo", "op", () -> {
			ran.set(true);
			return true;
		});
		assertThat(queued.cancel(true)).isTrue();
		release.countDown();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (this.executor.getThreadPoolExecutor().getCompletedTaskCount() < 2 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.executor.getThreadPoolExecutor().getCompletedTaskCount()).isEqualTo(2);
		assertThat(ran).isFalse();
		assertThat(count("cancelled")).isEqualTo(1);
	}

	@Test
	void workSubmittedFromTheExecutorRunsInlineWithoutDeadlock() {
		CompletableFuture<String> outer = this.dispatcher.submit("Repo", "op", () -> {
			String outerThread = Thread.currentThread().getName();
			String innerThread = this.dispatcher.submit("Repo", "op", () -> Thread.currentThread().getName()).join();
			return outerThread.equals(innerThread) ? "inline" : "queued";
		});
		assertThat(outer).succeedsWithin(TIMEOUT).isEqualTo("inline");
	}

	@Test
	void workSubmittedFromACallbackQueuesBehindOtherCallers() throws Exception {
		ThreadPoolTaskExecutor pool = executor(1, 4);
		try {
			OperationDispatcher dispatcher = dispatcher(pool);
			CountDownLatch release = new CountDownLatch(1);
			List<String> order = new CopyOnWriteArrayList<>();
			CompletableFuture<String> chained = dispatcher.submit("Repo", "op", () -> {
				release.await(10, TimeUnit.SECONDS);
				order.add("first");
				return "first";
			}).thenCompose((first) -> dispatcher.submit("Repo", "op", () -> {
				order.add("chained");
				return Thread.currentThread().getName();
			}));
			CompletableFuture<Boolean> other = dispatcher.submit("Repo", "op", () -> order.add("other"));
			release.countDown();
			assertThat(chained).succeedsWithin(TIMEOUT).asString().startsWith("test-pool-");
			assertThat(other).succeedsWithin(TIMEOUT);
			assertThat(order).containsExactly("first", "other", "chained");
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aLongChainOfCallbacksCompletesWithoutGrowingTheStack() {
		ThreadPoolTaskExecutor pool = executor(2, 16);
		try {
			OperationDispatcher dispatcher = dispatcher(pool);
			AtomicInteger deepest = new AtomicInteger();
			CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
			for (int i = 0; i < 100_000; i++) {
				chain = chain.thenCompose((step) -> dispatcher.submit("Repo", "op", () -> {
					deepest.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
					return step + 1;
				}));
			}
			assertThat(chain).succeedsWithin(Duration.ofSeconds(60)).isEqualTo(100_000);
			assertThat(deepest.get()).isLessThan(100);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void chainedCallersShareTheWorkersFairly() {
		int callers = 256;
		int operations = callers * 100;
		ThreadPoolTaskExecutor pool = executor(4, callers);
		try {
			OperationDispatcher dispatcher = dispatcher(pool);
			AtomicInteger started = new AtomicInteger();
			int[] done = new int[callers];
			List<CompletableFuture<Void>> loops = new ArrayList<>();
			for (int caller = 0; caller < callers; caller++) {
				loops.add(loop(dispatcher, started, operations, done, caller));
			}
			assertThat(CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new))).succeedsWithin(Duration.ofSeconds(60));
			double mean = (double) operations / callers;
			assertThat(Arrays.stream(done).min().getAsInt()).isGreaterThanOrEqualTo((int) (mean / 2));
			assertThat(Arrays.stream(done).max().getAsInt()).isLessThanOrEqualTo((int) (mean * 2));
		}
		finally {
			pool.shutdown();
		}
	}

	/** One closed-loop caller: each operation is requested from the completion of the previous one. */
	private static CompletableFuture<Void> loop(OperationDispatcher dispatcher, AtomicInteger started, int operations,
			int[] done, int caller) {
		if (started.getAndIncrement() >= operations) {
			return CompletableFuture.completedFuture(null);
		}
		return dispatcher.submit("Repo", "op", () -> {
			Thread.sleep(0, 100_000);
			return caller;
		}).thenCompose((ignored) -> {
			done[caller]++;
			return loop(dispatcher, started, operations, done, caller);
		});
	}

	@Test
	void closingTheExecutorWithoutWaitingFailsTheQueuedOperationsInsteadOfLosingThem() throws Exception {
		ThreadPoolTaskExecutor pool = executor(2, 1000);
		pool.setWaitForTasksToCompleteOnShutdown(false);
		pool.setTaskDecorator(new CancellableTaskDecorator((task) -> task::run));
		OperationDispatcher dispatcher = dispatcher(pool);
		List<CompletableFuture<Integer>> futures = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			futures.add(dispatcher.submit("Repo", "op", () -> {
				Thread.sleep(5);
				return 1;
			}));
		}
		// Spring's pool remembers which operation it decorated only weakly: a collection before the
		// shutdown lost queued operations until the decorated task answered for its operation.
		System.gc();

		pool.shutdown();

		CompletableFuture.allOf(futures.stream().map((future) -> future.exceptionally((ex) -> 0))
			.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
		assertThat(futures).allSatisfy((future) -> assertThat(future).isDone());
		List<Throwable> failures = futures.stream()
			.filter(CompletableFuture::isCompletedExceptionally)
			.map((future) -> future.handle((value, ex) -> ex).join())
			.toList();
		long dropped = failures.stream().filter(TaskRejectedException.class::isInstance).count();
		// The queued operations are failed; the two running ones were interrupted, which fails them too.
		assertThat(dropped).isGreaterThan(400);
		assertThat(failures).allSatisfy((failure) -> assertThat(failure)
			.satisfiesAnyOf((ex) -> assertThat(ex).isInstanceOf(TaskRejectedException.class)
				.hasMessageContaining("shut down before Repo.op started"),
					(ex) -> assertThat(ex).isInstanceOf(InterruptedException.class)));
		assertThat(count("rejected")).isEqualTo(dropped);
	}

	@Test
	void closingTheExecutorWaitingRunsEveryQueuedOperation() throws Exception {
		ThreadPoolTaskExecutor pool = executor(2, 1000);
		pool.setWaitForTasksToCompleteOnShutdown(true);
		pool.setAwaitTerminationSeconds(30);
		OperationDispatcher dispatcher = dispatcher(pool);
		List<CompletableFuture<Integer>> futures = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			futures.add(dispatcher.submit("Repo", "op", () -> 1));
		}

		pool.shutdown();

		assertThat(futures).allSatisfy((future) -> assertThat(future).isCompletedWithValue(1));
	}

	private static ThreadPoolTaskExecutor executor(int threads, int queueCapacity) {
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setCorePoolSize(threads);
		pool.setMaxPoolSize(threads);
		pool.setQueueCapacity(queueCapacity);
		pool.setThreadNamePrefix("test-pool-");
		pool.initialize();
		return pool;
	}

	private OperationDispatcher dispatcher(ThreadPoolTaskExecutor pool) {
		return new OperationDispatcher(pool, metrics(), new PersistenceExceptions(null));
	}

	/** Operations observed as in a Spring Boot application: the meter handler makes the timer. */
	private MicrometerOperationMetrics metrics() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.registry));
		return new MicrometerOperationMetrics(observations, this.registry);
	}

}
