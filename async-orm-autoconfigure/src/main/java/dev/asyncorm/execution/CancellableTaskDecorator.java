package dev.asyncorm.execution;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.core.task.TaskDecorator;

/**
 * Applies the application's {@link TaskDecorator} to the {@code asyncOrmExecutor}'s tasks so that
 * a queued operation stays cancellable: when the task is a {@link Future} (as each operation the
 * dispatcher queues is), the decorated task is one too, and cancelling it cancels the operation.
 * An executor that drops its queue on shutdown then fails each dropped operation's future instead
 * of leaving it incomplete. Spring's {@code ThreadPoolTaskExecutor} would find the operation
 * behind a decorated task on its own, but it remembers it weakly, and a garbage collection between
 * queueing and shutdown loses it.
 */
public final class CancellableTaskDecorator implements TaskDecorator {

	private final TaskDecorator decorator;

	/**
	 * Creates the decorator.
	 * @param decorator the application's decorator
	 */
	public CancellableTaskDecorator(TaskDecorator decorator) {
		this.decorator = decorator;
	}

	@Override
	public Runnable decorate(Runnable task) {
		Runnable decorated = this.decorator.decorate(task);
		return (task instanceof Future<?> future && decorated != task) ? new DecoratedFuture<>(decorated, future)
				: decorated;
	}

	/** A decorated task that answers for the future it decorates. */
	private record DecoratedFuture<V>(Runnable decorated, Future<V> task) implements Runnable, Future<V> {

		@Override
		public void run() {
			this.decorated.run();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return this.task.cancel(mayInterruptIfRunning);
		}

		@Override
		public boolean isCancelled() {
			return this.task.isCancelled();
		}

		@Override
		public boolean isDone() {
			return this.task.isDone();
		}

		@Override
		public V get() throws InterruptedException, ExecutionException {
			return this.task.get();
		}

		@Override
		public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
			return this.task.get(timeout, unit);
		}

	}

}
