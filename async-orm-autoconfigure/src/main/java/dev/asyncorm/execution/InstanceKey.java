package dev.asyncorm.execution;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

import org.jspecify.annotations.Nullable;

/** A weak reference equal to another only when both refer to the same instance: a map key by identity. */
final class InstanceKey extends WeakReference<Object> {

	private final int hash;

	/**
	 * Creates the key of an instance.
	 * @param instance the instance
	 * @param queue where the key goes once the instance is collected, or {@code null} for a key that only looks up
	 */
	InstanceKey(Object instance, @Nullable ReferenceQueue<Object> queue) {
		super(instance, queue);
		this.hash = System.identityHashCode(instance);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		Object instance = get();
		return other instanceof InstanceKey key && instance != null && instance == key.get();
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

}
