package dev.asyncorm.execution;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * The {@code asyncOrmExecutor} on virtual threads (Java 21 or later): each operation gets a
 * virtual thread of its own, and at most {@code concurrency} of them run at once, through a
 * semaphore taken inside the task, so that an operation waiting for its turn parks no carrier
 * thread. At most {@code concurrency + queueCapacity} operations are admitted at once; past that,
 * {@link TaskRejectedException}, as with the platform-thread executor. Closing it refuses new
 * operations and waits, up to the configured period, for the admitted ones.
 */
public final class VirtualThreadOperationExecutor implements AsyncTaskExecutor, DisposableBean {

	private final VirtualThreadTaskExecutor threads;

	private final Semaphore turns;

	private final int concurrency;

	private final int capacity;

	private final @Nullable TaskDecorator decorator;

	private final @Nullable Duration awaitTermination;

	private final AtomicInteger admitted = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicLong completed = new AtomicLong();

	private volatile boolean closed;

	/**
	 * Creates the executor.
	 * @param threadNamePrefix the prefix of the virtual threads' names
	 * @param concurrency how many operations may run at once (the connection pool's size)
	 * @param queueCapacity how many more may wait for their turn
	 * @param decorator the decorator of every task, or {@code null}
	 * @param awaitTermination how long closing waits for admitted operations, or {@code null} not to wait
	 * @throws UnsupportedOperationException before Java 21
	 */
	public VirtualThreadOperationExecutor(String threadNamePrefix, int concurrency, int queueCapacity,
			@Nullable TaskDecorator decorator, @Nullable Duration awaitTermination) {
		this.threads = new VirtualThreadTaskExecutor(threadNamePrefix);
		this.turns = new Semaphore(concurrency, true);
		this.concurrency = concurrency;
		this.capacity = concurrency + queueCapacity;
		this.decorator = decorator;
		this.awaitTermination = awaitTermination;
	}

	@Override
	public void execute(Runnable task) {
		if (this.closed) {
			throw new TaskRejectedException("asyncOrmExecutor is closed");
		}
		if (this.admitted.incrementAndGet() > this.capacity) {
			this.admitted.decrementAndGet();
			throw new TaskRejectedException("asyncOrmExecutor is full: " + this.capacity + " operations admitted ("
					+ this.concurrency + " running, the others waiting for their turn)");
		}
		Runnable work = (this.decorator != null) ? this.decorator.decorate(task) : task;
		try {
			this.threads.execute(() -> run(work));
		}
		catch (RuntimeException ex) {
			this.admitted.decrementAndGet();
			throw ex;
		}
	}

	private void run(Runnable work) {
		try {
			this.turns.acquireUninterruptibly();
			this.running.incrementAndGet();
			try {
				work.run();
			}
			finally {
				this.running.decrementAndGet();
				this.turns.release();
			}
		}
		finally {
			this.completed.incrementAndGet();
			this.admitted.decrementAndGet();
		}
	}

	/**
	 * How many operations run now.
	 * @return the count
	 */
	public int running() {
		return this.running.get();
	}

	/**
	 * How many admitted operations wait for their turn.
	 * @return the count
	 */
	public int waiting() {
		return Math.max(0, this.admitted.get() - this.running.get());
	}

	/**
	 * How many more operations may be admitted now.
	 * @return the count
	 */
	public int remainingCapacity() {
		return Math.max(0, this.capacity - this.admitted.get());
	}

	/**
	 * How many operations may run at once.
	 * @return the concurrency
	 */
	public int concurrency() {
		return this.concurrency;
	}

	/**
	 * How many operations have ended.
	 * @return the count
	 */
	public long completed() {
		return this.completed.get();
	}

	/** Refuses new operations, then waits up to the configured period for the admitted ones to end. */
	@Override
	public void destroy() throws InterruptedException {
		this.closed = true;
		if (this.awaitTermination == null) {
			return;
		}
		long deadline = System.nanoTime() + this.awaitTermination.toNanos();
		while (this.admitted.get() > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(10);
		}
	}

}
