package dev.asyncorm.query;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The subscriber of {@code forEach}: requests every row, hands each to the action on the thread
 * that delivers it, and completes a future at the end. An action that throws, like a cancelled
 * future, cancels the subscription, so no further chunk is read.
 *
 * @param <T> the row type
 */
final class ForEachSubscriber<T> implements Flow.Subscriber<T> {

	private final Consumer<? super T> action;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private ForEachSubscriber(Consumer<? super T> action) {
		this.action = action;
	}

	/** Subscribes an action to a publisher; returns the future of the whole iteration. */
	static <T> CompletableFuture<Void> consume(Flow.Publisher<T> publisher, Consumer<? super T> action) {
		ForEachSubscriber<T> subscriber = new ForEachSubscriber<>(action);
		publisher.subscribe(subscriber);
		return subscriber.done;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.done.whenComplete((result, ex) -> subscription.cancel());
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(T row) {
		try {
			this.action.accept(row);
		}
		catch (Throwable ex) {
			this.done.completeExceptionally(ex);
		}
	}

	@Override
	public void onError(Throwable ex) {
		this.done.completeExceptionally(ex);
	}

	@Override
	public void onComplete() {
		this.done.complete(null);
	}

}
