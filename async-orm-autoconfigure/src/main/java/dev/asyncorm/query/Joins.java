package dev.asyncorm.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.JoinType;

/**
 * The joins of one part of a statement, made on first use and shared by the paths that start with
 * the same relations: the lookups of one {@code filter} call, which then hold for the same related
 * row, as Django's do; another {@code filter} call gets its own joins.
 */
final class Joins {

	private final From<?, ?> root;

	private final CriteriaBuilder cb;

	private final JoinType type;

	private final Map<String, From<?, ?>> joins = new HashMap<>();

	Joins(From<?, ?> root, CriteriaBuilder cb, JoinType type) {
		this.root = root;
		this.cb = cb;
		this.type = type;
	}

	/** Outer joins, which keep the rows that have no related row, as Django's promoted joins do. */
	static Joins outer(From<?, ?> root, CriteriaBuilder cb) {
		return new Joins(root, cb, JoinType.LEFT);
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
			from = this.joins.computeIfAbsent(key.toString(), (k) -> hop.join(parent, this.cb, this.type));
		}
		return from;
	}

}
