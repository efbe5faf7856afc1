package dev.asyncorm.query;

import java.util.Set;

import dev.asyncorm.execution.WeakInstanceMap;
import org.jspecify.annotations.Nullable;

/**
 * The fields each instance read by {@code only()} or {@code defer()} was loaded with, so that
 * {@code save()} writes only those, as Django saves a deferred instance. Instances are held
 * weakly and by identity: an entity's {@code equals} plays no part, and a dropped instance is
 * forgotten.
 */
final class LoadedFields {

	private final WeakInstanceMap<Set<String>> fields = new WeakInstanceMap<>();

	/** Records that an instance was read with only these attribute names (its id aside). */
	void record(Object instance, Set<String> names) {
		this.fields.put(instance, names);
	}

	/** The fields an instance was read with, or {@code null} when it was read whole. */
	@Nullable Set<String> of(Object instance) {
		// Every save() asks: without any partly read instance, it costs no key.
		return this.fields.get(instance);
	}

	/** Forgets an instance, which now has every field loaded. */
	void forget(Object instance) {
		this.fields.remove(instance);
	}

}
