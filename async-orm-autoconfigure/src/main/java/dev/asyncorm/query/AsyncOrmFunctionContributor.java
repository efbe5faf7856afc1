package dev.asyncorm.query;

import java.util.Map;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.query.sqm.function.SqmFunctionRegistry;
import org.hibernate.type.BasicType;
import org.hibernate.type.BasicTypeRegistry;
import org.hibernate.type.StandardBasicTypes;

/**
 * Registers the SQL functions behind Django's transforms and regex lookups, written for each
 * database family the way Django's own backends write them, so that {@code week_day} is 1 for
 * Sunday and {@code week} is the ISO week on every database. Loaded by Hibernate through
 * {@code META-INF/services}.
 */
public final class AsyncOrmFunctionContributor implements FunctionContributor {

	static final String REGEX = "asyncorm_regex";

	static final String IREGEX = "asyncorm_iregex";

	static final String CASE_SENSITIVE = "asyncorm_case_sensitive";

	static final String RANDOM = "asyncorm_random";

	private static final Map<Transform, String> POSTGRESQL = Map.ofEntries(
			Map.entry(Transform.DATE, "cast(?1 as date)"), Map.entry(Transform.TIME, "cast(?1 as time)"),
			Map.entry(Transform.YEAR, "cast(extract(year from ?1) as integer)"),
			Map.entry(Transform.ISO_YEAR, "cast(extract(isoyear from ?1) as integer)"),
			Map.entry(Transform.QUARTER, "cast(extract(quarter from ?1) as integer)"),
			Map.entry(Transform.MONTH, "cast(extract(month from ?1) as integer)"),
			Map.entry(Transform.WEEK, "cast(extract(week from ?1) as integer)"),
			Map.entry(Transform.DAY, "cast(extract(day from ?1) as integer)"),
			Map.entry(Transform.WEEK_DAY, "(cast(extract(dow from ?1) as integer) + 1)"),
			Map.entry(Transform.ISO_WEEK_DAY, "cast(extract(isodow from ?1) as integer)"),
			Map.entry(Transform.HOUR, "cast(extract(hour from ?1) as integer)"),
			Map.entry(Transform.MINUTE, "cast(extract(minute from ?1) as integer)"),
			Map.entry(Transform.SECOND, "cast(floor(extract(second from ?1)) as integer)"));

	private static final Map<Transform, String> MYSQL = Map.ofEntries(
			Map.entry(Transform.DATE, "cast(?1 as date)"), Map.entry(Transform.TIME, "cast(?1 as time)"),
			Map.entry(Transform.YEAR, "year(?1)"), Map.entry(Transform.ISO_YEAR, "(yearweek(?1, 3) div 100)"),
			Map.entry(Transform.QUARTER, "quarter(?1)"), Map.entry(Transform.MONTH, "month(?1)"),
			Map.entry(Transform.WEEK, "week(?1, 3)"), Map.entry(Transform.DAY, "dayofmonth(?1)"),
			Map.entry(Transform.WEEK_DAY, "dayofweek(?1)"), Map.entry(Transform.ISO_WEEK_DAY, "(weekday(?1) + 1)"),
			Map.entry(Transform.HOUR, "hour(?1)"), Map.entry(Transform.MINUTE, "minute(?1)"),
			Map.entry(Transform.SECOND, "second(?1)"));

	private static final Map<Transform, String> H2 = Map.ofEntries(
			Map.entry(Transform.DATE, "cast(?1 as date)"), Map.entry(Transform.TIME, "cast(?1 as time)"),
			Map.entry(Transform.YEAR, "year(?1)"), Map.entry(Transform.ISO_YEAR, "iso_year(?1)"),
			Map.entry(Transform.QUARTER, "quarter(?1)"), Map.entry(Transform.MONTH, "month(?1)"),
			Map.entry(Transform.WEEK, "iso_week(?1)"), Map.entry(Transform.DAY, "day_of_month(?1)"),
			Map.entry(Transform.WEEK_DAY, "(mod(iso_day_of_week(?1), 7) + 1)"),
			Map.entry(Transform.ISO_WEEK_DAY, "iso_day_of_week(?1)"), Map.entry(Transform.HOUR, "hour(?1)"),
			Map.entry(Transform.MINUTE, "minute(?1)"), Map.entry(Transform.SECOND, "second(?1)"));

	private static final Map<Transform, String> STANDARD = Map.ofEntries(
			Map.entry(Transform.DATE, "cast(?1 as date)"), Map.entry(Transform.TIME, "cast(?1 as time)"),
			Map.entry(Transform.YEAR, "extract(year from ?1)"), Map.entry(Transform.QUARTER, "extract(quarter from ?1)"),
			Map.entry(Transform.MONTH, "extract(month from ?1)"), Map.entry(Transform.DAY, "extract(day from ?1)"),
			Map.entry(Transform.HOUR, "extract(hour from ?1)"), Map.entry(Transform.MINUTE, "extract(minute from ?1)"),
			Map.entry(Transform.SECOND, "extract(second from ?1)"));

	@Override
	public void contributeFunctions(FunctionContributions contributions) {
		Dialect dialect = contributions.getDialect();
		SqmFunctionRegistry functions = contributions.getFunctionRegistry();
		BasicTypeRegistry types = contributions.getTypeConfiguration().getBasicTypeRegistry();
		Map<Transform, String> transforms = transforms(dialect);
		transforms.forEach((transform, pattern) -> functions.patternDescriptorBuilder(transform.functionName(), pattern)
			.setExactArgumentCount(1)
			.setInvariantType(types.resolve(outputType(transform)))
			.register());
		BasicType<Boolean> bool = types.resolve(StandardBasicTypes.BOOLEAN);
		if (dialect instanceof PostgreSQLDialect) {
			register(functions, REGEX, "(?1 ~ ?2)", bool);
			register(functions, IREGEX, "(?1 ~* ?2)", bool);
		}
		else if (dialect instanceof MySQLDialect) {
			// PCRE inline flags, (?-i) and (?i), make the case rule independent of the column's collation;
			// "(?" is written as char(40, 63) because Hibernate reads "?" in a pattern as a parameter.
			register(functions, REGEX, "(?1 regexp concat(char(40, 63 using utf8mb4), '-i)', ?2))", bool);
			register(functions, IREGEX, "(?1 regexp concat(char(40, 63 using utf8mb4), 'i)', ?2))", bool);
		}
		else {
			register(functions, REGEX, "regexp_like(?1, ?2)", bool);
			register(functions, IREGEX, "regexp_like(?1, ?2, 'i')", bool);
		}
		functions.patternDescriptorBuilder(RANDOM, (dialect instanceof PostgreSQLDialect) ? "random()" : "rand()")
			.setExactArgumentCount(0)
			.setInvariantType(types.resolve(StandardBasicTypes.DOUBLE))
			.register();
		// MySQL and MariaDB compare with the column's collation, case-insensitive by default; Django
		// compares "contains", "startswith" and "endswith" as binary there.
		functions.patternDescriptorBuilder(CASE_SENSITIVE, (dialect instanceof MySQLDialect) ? "binary ?1" : "?1")
			.setExactArgumentCount(1)
			.setInvariantType(types.resolve(StandardBasicTypes.STRING))
			.register();
	}

	private static void register(SqmFunctionRegistry functions, String name, String pattern, BasicType<Boolean> type) {
		functions.patternDescriptorBuilder(name, pattern).setExactArgumentCount(2).setInvariantType(type).register();
	}

	private static Map<Transform, String> transforms(Dialect dialect) {
		if (dialect instanceof PostgreSQLDialect) {
			return POSTGRESQL;
		}
		if (dialect instanceof MySQLDialect) {
			return MYSQL;
		}
		if (dialect instanceof H2Dialect) {
			return H2;
		}
		return STANDARD;
	}

	private static org.hibernate.type.BasicTypeReference<?> outputType(Transform transform) {
		return switch (transform) {
			case DATE -> StandardBasicTypes.LOCAL_DATE;
			case TIME -> StandardBasicTypes.LOCAL_TIME;
			default -> StandardBasicTypes.INTEGER;
		};
	}

}
