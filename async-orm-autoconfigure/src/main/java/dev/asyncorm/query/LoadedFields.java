package dev.asyncorm.query;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.asyncorm.execution.InstanceKey;
import org.jspecify.annotations.Nullable;

/**
 * The fields each instance read by {@code only()} or {@code defer()} was loaded with, so that
 * {@code save()} writes only those, as Django saves a deferred instance. Instances are held
 * weakly and by identity: an entity's {@code equals} plays no part, and a dropped instance is
 * forgotten.
 */
final class LoadedFields {

	private final Map<InstanceKey, Set<String>> fields = new ConcurrentHashMap<>();

	private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

	/** Records that an instance was read with only these attribute names (its id aside). */
	void record(Object instance, Set<String> names) {
		expungeCollected();
		this.fields.put(new InstanceKey(instance, this.collected), names);
	}

	/** The fields an instance was read with, or {@code null} when it was read whole. */
	@Nullable Set<String> of(Object instance) {
		expungeCollected();
		// Every save() asks: without any partly read instance, it costs no key.
		return this.fields.isEmpty() ? null : this.fields.get(new InstanceKey(instance, null));
	}

	/** Forgets an instance, which now has every field loaded. */
	void forget(Object instance) {
		if (!this.fields.isEmpty()) {
			this.fields.remove(new InstanceKey(instance, null));
		}
	}

	private void expungeCollected() {
		Reference<?> reference;
		while ((reference = this.collected.poll()) != null) {
			this.fields.remove(reference);
		}
	}

}
