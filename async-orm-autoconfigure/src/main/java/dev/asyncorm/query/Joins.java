package dev.asyncorm.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

/**
 * The joins of one part of a statement, made on first use and shared by the paths that start with
 * the same relations: the lookups of one {@code filter} call, which then hold for the same related
 * row, as Django's do; another {@code filter} call gets its own joins. Ordering, projections and
 * aggregates reuse the joins the filters made, as Django's do, so that
 * {@code filter(toppings__name="cheese").aggregate(Count("toppings"))} counts the cheese toppings.
 */
final class Joins {

	private final From<?, ?> root;

	private final CriteriaBuilder cb;

	private final JoinType type;

	private final boolean reuse;

	private final Map<String, From<?, ?>> joins = new HashMap<>();

	Joins(From<?, ?> root, CriteriaBuilder cb, JoinType type, boolean reuse) {
		this.root = root;
		this.cb = cb;
		this.type = type;
		this.reuse = reuse;
	}

	/**
	 * Whether {@code selectRelated} joins a relation with an outer join, as Django's
	 * {@code select_related} does: an optional relation, or any relation reached through one, is
	 * outer; a required relation reached through required ones is inner.
	 * @param outerSoFar whether the relation's parent was joined with an outer join
	 */
	static boolean outerFollowing(boolean outerSoFar, SingularAttribute<?, ?> relation) {
		return outerSoFar || relation.isOptional();
	}

	/** Outer joins, which keep the rows that have no related row, as Django's promoted joins do. */
	static Joins outer(From<?, ?> root, CriteriaBuilder cb) {
		return new Joins(root, cb, JoinType.LEFT, false);
	}

	/** Outer joins that reuse the joins already made from the root, for ordering, projections and aggregates. */
	static Joins reusing(From<?, ?> root, CriteriaBuilder cb) {
		return new Joins(root, cb, JoinType.LEFT, true);
	}

	From<?, ?> root() {
		return this.root;
	}

	CriteriaBuilder cb() {
		return this.cb;
	}

	/** The entity reached through these relations, joining what is not joined yet. */
	From<?, ?> from(List<Hop> hops) {
		From<?, ?> from = this.root;
		StringBuilder key = new StringBuilder();
		for (Hop hop : hops) {
			key.append(hop.name()).append("__");
			From<?, ?> parent = from;
			from = this.joins.computeIfAbsent(key.toString(), (k) -> {
				From<?, ?> existing = this.reuse ? existing(parent, hop) : null;
				return (existing != null) ? existing : hop.join(parent, this.cb, this.type);
			});
		}
		return from;
	}

	private static @Nullable From<?, ?> existing(From<?, ?> parent, Hop hop) {
		for (Join<?, ?> join : parent.getJoins()) {
			boolean same = (hop.kind() == Hop.Kind.ATTRIBUTE)
					? join.getAttribute() != null && join.getAttribute().getName().equals(hop.attribute())
					: join.getAttribute() == null && join.getJavaType().equals(hop.target().getJavaType());
			if (same) {
				return join;
			}
		}
		return null;
	}

}
