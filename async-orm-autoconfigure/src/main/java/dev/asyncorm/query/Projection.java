package dev.asyncorm.query;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.util.ClassUtils;

/**
 * What the rows of a queryset are: entities, or the values of some columns mapped onto maps
 * ({@code values}), lists ({@code valuesList}), single values ({@code flat=True}), records or
 * interfaces ({@code as}).
 *
 * @param columns the selected columns, or {@code null} for entities
 * @param mapper what makes a row of the selected values
 * @param <R> the row type
 */
record Projection<R>(@Nullable List<Column> columns, Function<Object[], R> mapper,
		@Nullable Function<List<Column>, Projection<R>> rebuild) {

	private static final ProjectionFactory PROJECTIONS = new SpelAwareProxyProjectionFactory();

	private static final Projection<?> ENTITIES = new Projection<>(null, (row) -> row[0], null);

	@SuppressWarnings("unchecked")
	static <T> Projection<T> entities() {
		return (Projection<T>) ENTITIES;
	}

	boolean isEntities() {
		return this.columns == null;
	}

	/** Adds an aggregate column, which groups by the others (Django's {@code values(...).annotate(...)}). */
	Projection<R> grouped(Column aggregate) {
		if (this.columns == null || this.rebuild == null) {
			throw new InvalidDataAccessApiUsageException("annotate() after valuesList(field, type) or as() is not "
					+ "supported; annotate first, then project.");
		}
		List<Column> columns = new ArrayList<>(this.columns);
		columns.add(aggregate);
		return this.rebuild.apply(List.copyOf(columns));
	}

	static Projection<Map<String, Object>> maps(List<Column> columns) {
		List<String> keys = columns.stream().map(Column::key).toList();
		return new Projection<>(columns, (row) -> {
			Map<String, Object> map = new LinkedHashMap<>();
			for (int i = 0; i < row.length; i++) {
				map.put(keys.get(i), row[i]);
			}
			return Collections.unmodifiableMap(map);
		}, Projection::maps);
	}

	static Projection<List<Object>> lists(List<Column> columns) {
		return new Projection<>(columns, (row) -> Collections.unmodifiableList(Arrays.asList(row)), Projection::lists);
	}

	static <V> Projection<V> flat(Column column, Class<V> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		return new Projection<>(List.of(column), (row) -> type.cast(ValueConverter.INSTANCE.convert(row[0], boxed,
				column.key())), null);
	}

	/** The names a record's components or an interface's getters read, in order. */
	static List<String> propertiesOf(Class<?> type) {
		if (type.isRecord()) {
			return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
		}
		if (type.isInterface()) {
			return PROJECTIONS.getProjectionInformation(type).getInputProperties().stream()
				.map((property) -> property.getName())
				.toList();
		}
		throw new InvalidDataAccessApiUsageException("as(" + type.getSimpleName() + ") needs a record or an interface "
				+ "whose components or getters are named after fields.");
	}

	/** Rows mapped onto a record's canonical constructor or an interface proxy, columns in {@link #propertiesOf} order. */
	static <P> Projection<P> of(Class<P> type, List<Column> columns) {
		if (type.isInterface()) {
			Function<Object[], Map<String, Object>> maps = maps(columns).mapper();
			return new Projection<>(columns, (row) -> PROJECTIONS.createProjection(type, maps.apply(row)), null);
		}
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
		Constructor<P> constructor;
		try {
			constructor = type.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new InvalidDataAccessApiUsageException(type.getSimpleName() + " has no canonical constructor.", ex);
		}
		return new Projection<>(columns, (row) -> {
			List<Object> arguments = new ArrayList<>(row.length);
			for (int i = 0; i < row.length; i++) {
				arguments.add(ValueConverter.INSTANCE.convert(row[i], ClassUtils.resolvePrimitiveIfNecessary(types[i]),
						components[i].getName()));
			}
			return BeanUtils.instantiateClass(constructor, arguments.toArray());
		}, null);
	}

}
