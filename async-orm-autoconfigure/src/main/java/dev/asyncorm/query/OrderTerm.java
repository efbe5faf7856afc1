package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Order;
import org.jspecify.annotations.Nullable;

/**
 * One term of an {@code ORDER BY}: a field, ascending or descending, or random order ({@code "?"}).
 *
 * @param field the attribute name, or {@code null} for random order
 * @param descending whether the order is descending
 */
record OrderTerm(@Nullable String field, boolean descending) {

	static final String RANDOM = "?";

	/** Parses {@code "field"}, {@code "-field"} or {@code "?"}, checking the field against the model. */
	static OrderTerm parse(String term, ModelInfo<?> model) {
		if (RANDOM.equals(term)) {
			return new OrderTerm(null, false);
		}
		boolean descending = term.startsWith("-");
		String name = descending ? term.substring(1) : term;
		return new OrderTerm(model.basicAttribute(name).getName(), descending);
	}

	static List<OrderTerm> parseAll(List<String> terms, ModelInfo<?> model) {
		List<OrderTerm> parsed = new ArrayList<>(terms.size());
		terms.forEach((term) -> parsed.add(parse(term, model)));
		return List.copyOf(parsed);
	}

	static List<OrderTerm> reverse(List<OrderTerm> terms) {
		return terms.stream().map((term) -> new OrderTerm(term.field(), !term.descending())).toList();
	}

	Order toOrder(From<?, ?> from, CriteriaBuilder cb) {
		if (this.field == null) {
			return cb.asc(cb.function(AsyncOrmFunctionContributor.RANDOM, Double.class));
		}
		return this.descending ? cb.desc(from.get(this.field)) : cb.asc(from.get(this.field));
	}

}
