package dev.asyncorm.query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.asyncorm.execution.WeakInstanceMap;
import org.jspecify.annotations.Nullable;

/**
 * The rows {@code prefetchRelated} read for the relations an instance has no attribute to hold
 * ({@code story_set} of a {@code Reporter}), Django's {@code _prefetched_objects_cache}: by
 * instance, held weakly and by identity, so that a dropped instance takes its rows with it. The
 * rows never reference their owner instance ({@link UnmappedPrefetch} reads them apart from it).
 */
final class PrefetchedRows {

	private final WeakInstanceMap<Map<String, List<?>>> rows = new WeakInstanceMap<>();

	/** Records the members of an owner's relation. */
	void put(Object owner, String relation, List<?> members) {
		this.rows.computeIfAbsent(owner, ConcurrentHashMap::new).put(relation, List.copyOf(members));
	}

	/** The members prefetched for an owner's relation, or {@code null} when none were. */
	@Nullable List<?> get(Object owner, String relation) {
		Map<String, List<?>> relations = this.rows.get(owner);
		return (relations != null) ? relations.get(relation) : null;
	}

}
