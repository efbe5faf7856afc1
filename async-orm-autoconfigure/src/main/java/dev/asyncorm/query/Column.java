package dev.asyncorm.query;

import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.metamodel.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * One value a projection selects: a field, possibly across relations, or an annotation.
 *
 * @param key the name the value has in the row, {@code box__name} or an annotation's alias
 * @param selector what selects it
 * @param aggregate whether it is an aggregate, which makes the other columns the {@code GROUP BY}
 * @param type the type an aggregate's values are converted to (databases differ), or {@code null}
 */
record Column(String key, Selector selector, boolean aggregate, @Nullable Class<?> type) {

	static Column field(String key, FieldPath path) {
		return new Column(key, (joins, query) -> path.path(joins), false, null);
	}

	/** An aggregate computed for each row (an annotation), or over each group when {@code grouped}. */
	static Column aggregate(String key, Selector selector, Class<?> type, boolean grouped) {
		return new Column(key, selector, grouped, type);
	}

	/** Converts a value read from the database to the column's type. */
	@Nullable Object convert(@Nullable Object value) {
		return (this.type != null) ? ValueConverter.INSTANCE.convert(value, this.type, this.key) : value;
	}

	/** The column as an operand, so that a grouped queryset can be ordered by its aggregates. */
	Operand operand(Class<?> javaType) {
		Column column = this;
		return new Operand() {

			@Override
			public String name() {
				return column.key();
			}

			@Override
			public Expression<?> expression(Joins joins, CommonAbstractCriteria statement) {
				return column.selector().select(joins, statement);
			}

			@Override
			public Class<?> javaType() {
				return javaType;
			}

			@Override
			public boolean nullable() {
				return true;
			}

			@Override
			public boolean multiValued() {
				return false;
			}

			@Override
			public boolean spansRelations() {
				return true;
			}

			@Override
			public @Nullable EntityType<?> relation() {
				return null;
			}

		};
	}

	/** Builds a column's expression against a statement's joins. */
	@FunctionalInterface
	interface Selector {

		Expression<?> select(Joins joins, CommonAbstractCriteria query);

	}

}
