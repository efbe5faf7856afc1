package dev.asyncorm.query;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * Converts user values to the Java type of the field they are compared with or written to, as
 * Django's {@code get_prep_value} does ({@code "3"} for an integer field is 3), with Spring's
 * formatting conversion service (ISO text for dates and times); a date given for a date and time
 * is midnight of that date ({@link DateAtMidnight}). A value that cannot be converted
 * fails when the query is built. Queries, writes and related managers share it, so that every
 * value is converted by the same rules.
 *
 * @since 0.1.0
 */
public final class ValueConverter {

	private static final ConversionService CONVERSION_SERVICE = new DefaultFormattingConversionService();

	/** The converter; it holds no state of its own. */
	public static final ValueConverter INSTANCE = new ValueConverter();

	private ValueConverter() {
	}

	/**
	 * Converts a value to a field's type; a {@code Supplier} is called first.
	 * @param value the value, or {@code null}
	 * @param type the field's Java type
	 * @param field the field's name, for the error message
	 * @return the converted value, or {@code null}
	 * @throws InvalidDataAccessApiUsageException if the value cannot be converted
	 */
	public @Nullable Object convert(@Nullable Object value, Class<?> type, String field) {
		Object resolved = (value instanceof Supplier<?> supplier) ? supplier.get() : value;
		if (resolved == null) {
			return null;
		}
		Class<?> target = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (target.isInstance(resolved)) {
			return resolved;
		}
		Object midnight = DateAtMidnight.convert(resolved, target);
		if (midnight != null) {
			return midnight;
		}
		try {
			if (CONVERSION_SERVICE.canConvert(resolved.getClass(), target)) {
				return CONVERSION_SERVICE.convert(resolved, target);
			}
		}
		catch (ConversionException ex) {
			throw mismatch(resolved, target, field, ex);
		}
		throw mismatch(resolved, target, field, null);
	}

	private static InvalidDataAccessApiUsageException mismatch(Object value, Class<?> target, String field,
			@Nullable Exception cause) {
		return new InvalidDataAccessApiUsageException("Field '" + field + "' expected a " + target.getSimpleName()
				+ " but got " + value.getClass().getSimpleName() + " '" + value + "'.", cause);
	}

}
