package dev.asyncorm.query;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which fields a queryset reads its entities with, Django's deferred loading: every field but
 * {@code names} ({@code defer}), or only {@code names} ({@code only}). The id is always read.
 * {@link #only} and {@link #defer} combine as Django's {@code add_immediate_loading} and
 * {@code add_deferred_loading} do.
 *
 * @param names the attribute names deferred, or the only ones loaded
 * @param defer whether {@code names} are deferred rather than the only ones loaded
 */
record DeferredLoading(Set<String> names, boolean defer) {

	/** Every field is loaded. */
	static final DeferredLoading NONE = new DeferredLoading(Set.of(), true);

	DeferredLoading {
		names = Set.copyOf(names);
	}

	/** Whether some field is left unloaded. */
	boolean isPartial() {
		return !this.defer || !this.names.isEmpty();
	}

	/** Loads only these fields; after {@code defer()}, those of them not deferred. */
	DeferredLoading only(Collection<String> fields) {
		Set<String> loaded = new HashSet<>(fields);
		if (this.defer) {
			loaded.removeAll(this.names);
		}
		return new DeferredLoading(loaded, false);
	}

	/** Defers these fields too; after {@code only()}, removes them from the fields loaded. */
	DeferredLoading defer(Collection<String> fields) {
		if (this.defer) {
			Set<String> deferred = new HashSet<>(this.names);
			deferred.addAll(fields);
			return new DeferredLoading(deferred, true);
		}
		Set<String> loaded = new HashSet<>(this.names);
		loaded.removeAll(fields);
		if (!loaded.isEmpty()) {
			return new DeferredLoading(loaded, false);
		}
		Set<String> deferred = new HashSet<>(fields);
		deferred.removeAll(this.names);
		return new DeferredLoading(deferred, true);
	}

	/** Loads these fields too, whatever was deferred. */
	DeferredLoading including(Collection<String> fields) {
		Set<String> names = new HashSet<>(this.names);
		if (this.defer) {
			names.removeAll(fields);
		}
		else {
			names.addAll(fields);
		}
		return new DeferredLoading(names, this.defer);
	}

	/** Whether an attribute is read. */
	boolean loads(String name) {
		return this.defer != this.names.contains(name);
	}

}
