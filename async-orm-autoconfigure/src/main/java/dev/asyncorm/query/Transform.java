package dev.asyncorm.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Django's date and time transforms ({@code pubDate__year}), each rendered by a SQL function that
 * {@link AsyncOrmFunctionContributor} registers per dialect.
 */
enum Transform {

	DATE(Inputs.DATE_TIME, LocalDate.class),
	TIME(Inputs.DATE_TIME, LocalTime.class),
	YEAR(Inputs.DATE, Integer.class),
	ISO_YEAR(Inputs.DATE, Integer.class),
	QUARTER(Inputs.DATE, Integer.class),
	MONTH(Inputs.DATE, Integer.class),
	WEEK(Inputs.DATE, Integer.class),
	DAY(Inputs.DATE, Integer.class),
	WEEK_DAY(Inputs.DATE, Integer.class),
	ISO_WEEK_DAY(Inputs.DATE, Integer.class),
	HOUR(Inputs.TIME, Integer.class),
	MINUTE(Inputs.TIME, Integer.class),
	SECOND(Inputs.TIME, Integer.class);

	private final Set<Class<?>> inputs;

	private final Class<?> outputType;

	private final String lookupName = name().toLowerCase(Locale.ROOT);

	private final String functionName = "asyncorm_" + this.lookupName;

	Transform(Set<Class<?>> inputs, Class<?> outputType) {
		this.inputs = inputs;
		this.outputType = outputType;
	}

	/** The transform of a lookup part, or {@code null} when the part is not one. */
	static @Nullable Transform of(String part) {
		for (Transform transform : values()) {
			if (transform.lookupName.equals(part)) {
				return transform;
			}
		}
		return null;
	}

	boolean appliesTo(Class<?> type) {
		return this.inputs.contains(type);
	}

	Class<?> outputType() {
		return this.outputType;
	}

	String lookupName() {
		return this.lookupName;
	}

	String functionName() {
		return this.functionName;
	}

	private static final class Inputs {

		static final Set<Class<?>> DATE_TIME = Set.of(LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class,
				Instant.class, Date.class, Timestamp.class);

		static final Set<Class<?>> DATE = Set.of(LocalDate.class, java.sql.Date.class, LocalDateTime.class,
				OffsetDateTime.class, ZonedDateTime.class, Instant.class, Date.class, Timestamp.class);

		static final Set<Class<?>> TIME = Set.of(LocalTime.class, OffsetTime.class, Time.class,
				LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class, Instant.class, Date.class,
				Timestamp.class);

	}

}
