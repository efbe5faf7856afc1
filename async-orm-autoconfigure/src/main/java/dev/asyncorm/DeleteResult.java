package dev.asyncorm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a delete returns: Django's {@code (total, {model: count})}. Every row deleted counts,
 * cascades included, keyed by entity name; rows only set to null do not.
 *
 * @param total the number of rows deleted
 * @param perModel the rows deleted per entity name, in the order they were deleted
 * @since 0.1.0
 */
public record DeleteResult(long total, Map<String, Long> perModel) {

	/**
	 * Creates a result; the map is copied.
	 * @param total the number of rows deleted
	 * @param perModel the rows deleted per entity name
	 */
	public DeleteResult {
		perModel = Collections.unmodifiableMap(new LinkedHashMap<>(perModel));
	}

}
