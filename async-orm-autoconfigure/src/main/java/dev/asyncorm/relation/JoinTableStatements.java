package dev.asyncorm.relation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The SQL of a many-to-many relation, on its join table only: which of some ids are members, and
 * the inserts and deletes of join rows. Table and column names come from Hibernate's mapping;
 * every value is a bound parameter. Each method is one statement (inserts are one multi-row
 * statement per {@value #ROWS_PER_INSERT} rows), whatever the number of members.
 */
final class JoinTableStatements {

	static final int ROWS_PER_INSERT = 500;

	private final Relation.JoinTable table;

	JoinTableStatements(Relation.JoinTable table) {
		this.table = table;
	}

	/** The ids among {@code targetIds} that are members already, as the driver returns them. */
	List<?> members(EntityManager em, Object ownerId, Collection<?> targetIds) {
		return em
			.createNativeQuery("select " + this.table.targetColumn() + " from " + this.table.table() + " where "
					+ this.table.ownerColumn() + " = :owner and " + this.table.targetColumn() + " in (:targets)")
			.setParameter("owner", ownerId)
			.setParameter("targets", targetIds)
			.getResultList();
	}

	void insert(EntityManager em, Object ownerId, Collection<?> targetIds) {
		List<?> ids = new ArrayList<>(targetIds);
		for (int start = 0; start < ids.size(); start += ROWS_PER_INSERT) {
			List<?> chunk = ids.subList(start, Math.min(ids.size(), start + ROWS_PER_INSERT));
			StringBuilder sql = new StringBuilder("insert into ").append(this.table.table())
				.append(" (")
				.append(this.table.ownerColumn())
				.append(", ")
				.append(this.table.targetColumn())
				.append(") values ");
			for (int i = 0; i < chunk.size(); i++) {
				sql.append((i > 0) ? ", " : "").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2).append(')');
			}
			Query insert = em.createNativeQuery(sql.toString());
			for (int i = 0; i < chunk.size(); i++) {
				insert.setParameter(2 * i + 1, ownerId).setParameter(2 * i + 2, chunk.get(i));
			}
			insert.executeUpdate();
		}
	}

	int delete(EntityManager em, Object ownerId, Collection<?> targetIds) {
		return em
			.createNativeQuery("delete from " + this.table.table() + " where " + this.table.ownerColumn()
					+ " = :owner and " + this.table.targetColumn() + " in (:targets)")
			.setParameter("owner", ownerId)
			.setParameter("targets", targetIds)
			.executeUpdate();
	}

	int deleteAll(EntityManager em, Object ownerId) {
		return em.createNativeQuery("delete from " + this.table.table() + " where " + this.table.ownerColumn() + " = :owner")
			.setParameter("owner", ownerId)
			.executeUpdate();
	}

	int deleteAllExcept(EntityManager em, Object ownerId, Collection<?> keptIds) {
		if (keptIds.isEmpty()) {
			return deleteAll(em, ownerId);
		}
		return em
			.createNativeQuery("delete from " + this.table.table() + " where " + this.table.ownerColumn()
					+ " = :owner and " + this.table.targetColumn() + " not in (:targets)")
			.setParameter("owner", ownerId)
			.setParameter("targets", keptIds)
			.executeUpdate();
	}

}
