package dev.asyncorm.execution;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Values kept beside instances the application holds, as Django keeps them on the instance
 * ({@code _state.db}, {@code _prefetched_objects_cache}, deferred fields): by identity, so that an
 * entity's {@code equals} plays no part, and weakly, so that a dropped instance takes its value
 * with it. Lookups cost no allocation while the map is empty.
 *
 * @param <V> the value type
 * @since 0.2.0
 */
public final class WeakInstanceMap<V> {

	private final Map<InstanceKey, V> values = new ConcurrentHashMap<>();

	private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

	/**
	 * Sets an instance's value.
	 * @param instance the instance
	 * @param value its value
	 */
	public void put(Object instance, V value) {
		expungeCollected();
		this.values.put(new InstanceKey(instance, this.collected), value);
	}

	/**
	 * An instance's value, made and kept when it has none.
	 * @param instance the instance
	 * @param value makes the value
	 * @return the value
	 */
	public V computeIfAbsent(Object instance, Supplier<V> value) {
		expungeCollected();
		return this.values.computeIfAbsent(new InstanceKey(instance, this.collected), (key) -> value.get());
	}

	/**
	 * An instance's value.
	 * @param instance the instance
	 * @return the value, or {@code null} when it has none
	 */
	public @Nullable V get(Object instance) {
		expungeCollected();
		return this.values.isEmpty() ? null : this.values.get(new InstanceKey(instance, null));
	}

	/**
	 * Forgets an instance's value.
	 * @param instance the instance
	 */
	public void remove(Object instance) {
		expungeCollected();
		if (!this.values.isEmpty()) {
			this.values.remove(new InstanceKey(instance, null));
		}
	}

	private void expungeCollected() {
		Reference<?> reference;
		while ((reference = this.collected.poll()) != null) {
			this.values.remove(reference);
		}
	}

}
