package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.ModelOptions;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import org.jspecify.annotations.Nullable;

/**
 * One term of an {@code ORDER BY}: a field, possibly across relations, ascending or descending,
 * or random order ({@code "?"}).
 *
 * @param operand the field or annotation, or {@code null} for random order
 * @param descending whether the order is descending
 */
record OrderTerm(@Nullable Operand operand, boolean descending) {

	static final String RANDOM = "?";

	/** Relations followed at most when a relation is ordered by its model's ordering. */
	private static final int MAX_DEPTH = 8;

	/**
	 * Parses {@code "field"}, {@code "-field"}, {@code "box__name"} or {@code "?"}, checking names
	 * against the metamodel. A relation orders by its model's {@code @ModelOptions} ordering, else
	 * by its id, as Django orders by a relation.
	 */
	static List<OrderTerm> parse(String term, LookupCompiler<?> compiler, Map<String, ? extends Operand> annotations) {
		List<OrderTerm> terms = new ArrayList<>();
		parse(term, false, compiler, annotations, terms, 0);
		return terms;
	}

	private static void parse(String term, boolean invert, LookupCompiler<?> compiler,
			Map<String, ? extends Operand> annotations, List<OrderTerm> terms, int depth) {
		if (RANDOM.equals(term)) {
			terms.add(new OrderTerm(null, false));
			return;
		}
		boolean descending = term.startsWith("-");
		String name = descending ? term.substring(1) : term;
		if (annotations.containsKey(name)) {
			terms.add(new OrderTerm(annotations.get(name), descending != invert));
			return;
		}
		FieldPath path = compiler.field(name);
		ModelOptions options = (path.relation() != null)
				? path.relation().getJavaType().getAnnotation(ModelOptions.class) : null;
		if (options == null || options.ordering().length == 0) {
			terms.add(new OrderTerm(path, descending != invert));
			return;
		}
		if (depth >= MAX_DEPTH) {
			throw new InvalidLookupException("Infinite loop caused by ordering, at '" + name + "'.");
		}
		for (String related : options.ordering()) {
			boolean relatedDescending = related.startsWith("-");
			String relatedName = relatedDescending ? related.substring(1) : related;
			parse((relatedDescending ? "-" : "") + name + "__" + relatedName, descending != invert, compiler,
					annotations, terms, depth + 1);
		}
	}

	static List<OrderTerm> parseAll(List<String> terms, LookupCompiler<?> compiler,
			Map<String, ? extends Operand> annotations) {
		List<OrderTerm> parsed = new ArrayList<>(terms.size());
		terms.forEach((term) -> parsed.addAll(parse(term, compiler, annotations)));
		return List.copyOf(parsed);
	}

	static List<OrderTerm> reverse(List<OrderTerm> terms) {
		return terms.stream().map((term) -> new OrderTerm(term.operand(), !term.descending())).toList();
	}

	/** Whether the term orders by a field of another table. */
	boolean spansRelations() {
		return this.operand != null && this.operand.spansRelations();
	}

	/** The expression ordered by, joining its relations through {@code joins}. */
	Expression<?> expression(Joins joins, CommonAbstractCriteria statement) {
		if (this.operand == null) {
			return joins.cb().function(AsyncOrmFunctionContributor.RANDOM, Double.class);
		}
		return this.operand.expression(joins, statement);
	}

	Order toOrder(Joins joins, CommonAbstractCriteria statement) {
		CriteriaBuilder cb = joins.cb();
		Expression<?> expression = expression(joins, statement);
		return this.descending ? cb.desc(expression) : cb.asc(expression);
	}

}
