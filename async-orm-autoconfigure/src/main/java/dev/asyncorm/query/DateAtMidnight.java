package dev.asyncorm.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Django's reading of a date where a date and time is expected ({@code DateTimeField.to_python}):
 * midnight of that date, given as a {@link LocalDate} or as ISO text ({@code "2024-03-10"}). Where
 * the field holds an instant, midnight is taken in the JVM's default time zone
 * ({@link ZoneId#systemDefault()}, read at each conversion), as Django takes a naive datetime in
 * its current time zone ({@code TIME_ZONE}).
 */
final class DateAtMidnight {

	private DateAtMidnight() {
	}

	/** Midnight of the date a value gives, as the target type; {@code null} when it gives none or the target is no date and time. */
	static @Nullable Object convert(Object value, Class<?> target) {
		if (target != LocalDateTime.class && target != Instant.class && target != OffsetDateTime.class
				&& target != ZonedDateTime.class) {
			return null;
		}
		LocalDate date = date(value);
		if (date == null) {
			return null;
		}
		if (target == LocalDateTime.class) {
			return date.atStartOfDay();
		}
		ZonedDateTime midnight = date.atStartOfDay(ZoneId.systemDefault());
		if (target == Instant.class) {
			return midnight.toInstant();
		}
		return (target == OffsetDateTime.class) ? midnight.toOffsetDateTime() : midnight;
	}

	private static @Nullable LocalDate date(Object value) {
		if (value instanceof LocalDate date) {
			return date;
		}
		if (!(value instanceof CharSequence text)) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Not a date alone: the conversion service reads it, or reports it.
			return null;
		}
	}

}
