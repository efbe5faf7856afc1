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
 * formatting conversion service (ISO text for dates and times). A value that cannot be converted fails when the query is built.
 */
final class ValueConverter {

	private static final ConversionService CONVERSION_SERVICE = new DefaultFormattingConversionService();

	@Nullable Object convert(@Nullable Object value, Class<?> type, String field) {
		Object resolved = (value instanceof Supplier<?> supplier) ? supplier.get() : value;
		if (resolved == null) {
			return null;
		}
		Class<?> target = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (target.isInstance(resolved)) {
			return resolved;
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
