package dev.asyncorm.query;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Django's field lookups, the last part of {@code field__lookup}.
 */
enum LookupType {

	EXACT, IEXACT, CONTAINS, ICONTAINS, IN, GT, GTE, LT, LTE, STARTSWITH, ISTARTSWITH, ENDSWITH, IENDSWITH, RANGE,
	ISNULL, REGEX, IREGEX;

	private final String lookupName = name().toLowerCase(Locale.ROOT);

	/** The lookup of a lookup part, or {@code null} when the part is not one. */
	static @Nullable LookupType of(String part) {
		for (LookupType type : values()) {
			if (type.lookupName.equals(part)) {
				return type;
			}
		}
		return null;
	}

	String lookupName() {
		return this.lookupName;
	}

	boolean isTextual() {
		return switch (this) {
			case IEXACT, CONTAINS, ICONTAINS, STARTSWITH, ISTARTSWITH, ENDSWITH, IENDSWITH, REGEX, IREGEX -> true;
			default -> false;
		};
	}

	boolean isComparison() {
		return this == GT || this == GTE || this == LT || this == LTE || this == RANGE;
	}

}
