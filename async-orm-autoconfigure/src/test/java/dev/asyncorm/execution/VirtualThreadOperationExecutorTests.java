package dev.asyncorm.execution;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.core.task.TaskRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * On virtual threads, operations run one thread each, at most {@code concurrency} at once; the
 * others wait for their turn without a carrier, up to the queue capacity, past which they are
 * rejected; closing refuses new ones and waits for the admitted ones.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadOperationExecutorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void operationsRunOnVirtualThreadsAtMostConcurrencyAtOnce() throws Exception {
		VirtualThreadOperationExecutor executor = new VirtualThreadOperationExecutor("vt-orm-", 2, 10, null, null);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger virtual = new AtomicInteger();
		for (int i = 0; i < 6; i++) {
			executor.execute(() -> {
				if (isVirtual(Thread.currentThread()) && Thread.currentThread().getName().startsWith("vt-orm-")) {
					virtual.incrementAndGet();
				}
				waitFor(release);
			});
		}

		await().atMost(TIMEOUT).until(() -> executor.running() == 2 && executor.waiting() == 4);
		assertThat(executor.remainingCapacity()).isEqualTo(6);
		release.countDown();
		await().atMost(TIMEOUT).until(() -> executor.completed() == 6);
		assertThat(virtual).hasValue(6);
		assertThat(executor.running()).isZero();
	}

	@Test
	void pastTheQueueCapacityOperationsAreRejected() {
		VirtualThreadOperationExecutor executor = new VirtualThreadOperationExecutor("vt-orm-", 1, 2, null, null);
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < 3; i++) {
			executor.execute(() -> waitFor(release));
		}

		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> executor.execute(() -> { }))
			.withMessageContaining("3 operations admitted");
		release.countDown();
		await().atMost(TIMEOUT).until(() -> executor.completed() == 3);
		executor.execute(() -> { });
		await().atMost(TIMEOUT).until(() -> executor.completed() == 4);
	}

	@Test
	void closingRefusesNewOperationsAndWaitsForTheAdmittedOnes() throws Exception {
		VirtualThreadOperationExecutor executor = new VirtualThreadOperationExecutor("vt-orm-", 1, 5, null,
				Duration.ofSeconds(5));
		AtomicInteger done = new AtomicInteger();
		for (int i = 0; i < 3; i++) {
			executor.execute(() -> {
				sleep(100);
				done.incrementAndGet();
			});
		}

		executor.destroy();

		assertThat(done).hasValue(3);
		assertThatExceptionOfType(TaskRejectedException.class).isThrownBy(() -> executor.execute(() -> { }));
	}

	@Test
	void tasksAreDecorated() {
		AtomicInteger decorated = new AtomicInteger();
		VirtualThreadOperationExecutor executor = new VirtualThreadOperationExecutor("vt-orm-", 1, 1, (task) -> () -> {
			decorated.incrementAndGet();
			task.run();
		}, null);

		executor.execute(() -> { });

		await().atMost(TIMEOUT).until(() -> decorated.get() == 1);
	}

	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
