package dev.asyncorm.relation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The SQL of a many-to-many relation, on its join table only: which of some ids are members, and
 * the inserts and deletes of join rows. Table and column names come from Hibernate's mapping;
 * every value is a bound parameter. Each method is one statement (inserts are one multi-row
 * statement per {@value #ROWS_PER_INSERT} rows), whatever the number of members.
 */
final class JoinTableStatements {

	static final int ROWS_PER_INSERT = 500;

	private final Relation.JoinTable table;

	/** Extra columns of the join entity and their values (or suppliers), written on every inserted row. */
	private final Map<String, Object> extraColumns;

	JoinTableStatements(Relation.JoinTable table, Map<String, Object> extraColumns) {
		this.table = table;
		this.extraColumns = Map.copyOf(extraColumns);
	}

	Relation.JoinTable table() {
		return this.table;
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

	/**
	 * Inserts the join rows. On a plain join table, a row that another transaction inserted
	 * meanwhile is skipped, as Django's {@code add} ignores conflicts on an automatic through
	 * table: {@code ON CONFLICT DO NOTHING} on PostgreSQL, an update that changes nothing on
	 * MariaDB/MySQL, {@code MERGE … KEY} on H2; other databases fail on the duplicate.
	 */
	void insert(EntityManager em, Object ownerId, Collection<?> targetIds) {
		List<?> ids = new ArrayList<>(targetIds);
		Dialect dialect = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
			.getDialect();
		boolean skipConflicts = this.extraColumns.isEmpty();
		String owner = this.table.ownerColumn();
		String target = this.table.targetColumn();
		for (int start = 0; start < ids.size(); start += ROWS_PER_INSERT) {
			List<?> chunk = ids.subList(start, Math.min(ids.size(), start + ROWS_PER_INSERT));
			List<String> extraNames = List.copyOf(this.extraColumns.keySet());
			int width = 2 + extraNames.size();
			boolean merge = skipConflicts && dialect instanceof H2Dialect;
			StringBuilder sql = new StringBuilder(merge ? "merge into " : "insert into ").append(this.table.table())
				.append(" (")
				.append(owner)
				.append(", ")
				.append(target);
			extraNames.forEach((column) -> sql.append(", ").append(column));
			sql.append(merge ? ") key (" + owner + ", " + target + ") values " : ") values ");
			for (int i = 0; i < chunk.size(); i++) {
				sql.append((i > 0) ? ", (" : "(");
				for (int column = 1; column <= width; column++) {
					sql.append((column > 1) ? ", ?" : "?").append(i * width + column);
				}
				sql.append(')');
			}
			if (skipConflicts && dialect instanceof PostgreSQLDialect) {
				sql.append(" on conflict do nothing");
			}
			else if (skipConflicts && dialect instanceof MySQLDialect) {
				sql.append(" on duplicate key update ").append(owner).append(" = ").append(owner);
			}
			Query insert = em.createNativeQuery(sql.toString());
			for (int i = 0; i < chunk.size(); i++) {
				insert.setParameter(i * width + 1, ownerId).setParameter(i * width + 2, chunk.get(i));
				for (int column = 0; column < extraNames.size(); column++) {
					Object value = this.extraColumns.get(extraNames.get(column));
					insert.setParameter(i * width + 3 + column, (value instanceof Supplier<?> supplier) ? supplier.get() : value);
				}
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
