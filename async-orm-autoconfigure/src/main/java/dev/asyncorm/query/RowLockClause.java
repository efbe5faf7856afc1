package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.asyncorm.InvalidLookupException;
import dev.asyncorm.SelectForUpdateOptions;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.ForeignKeyDescriptor;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The lock clause of {@code selectForUpdate()} on the model's database, as Django writes it:
 * {@code FOR UPDATE} (on PostgreSQL also {@code FOR NO KEY UPDATE} and {@code OF} the tables
 * named), then {@code NOWAIT} or {@code SKIP LOCKED}; appended by
 * {@link RowLockStatementInspector} to the statement Hibernate wrote. The tables of {@code OF}
 * are named by the aliases Hibernate gave them, found in that statement: the model's table after
 * {@code from}, a relation's table by the join on its foreign key.
 *
 * @param <T> the entity type
 */
final class RowLockClause<T> {

	private static final String SELF = "self";

	private static final String RELATION_SEPARATOR = "__";

	private static final Pattern JOIN = Pattern.compile("join (\\S+) (\\w+) on (\\w+)\\.(\\w+)=(\\w+)\\.(\\w+)");

	private final ModelInfo<T> model;

	private final MappingMetamodel mapping;

	private final Dialect dialect;

	private final boolean postgres;

	/** Whether Hibernate runs statements through {@link RowLockStatementInspector}. */
	private final boolean installed;

	RowLockClause(ModelInfo<T> model, SessionFactoryImplementor sessionFactory) {
		this.model = model;
		this.mapping = sessionFactory.getMappingMetamodel();
		this.dialect = sessionFactory.getJdbcServices().getDialect();
		this.postgres = this.dialect instanceof PostgreSQLDialect;
		this.installed = sessionFactory.getSessionFactoryOptions()
			.getStatementInspector() instanceof RowLockStatementInspector;
	}

	/**
	 * Checks the lock against the database and the relations the queryset follows, and returns
	 * what adds its clause to the statement that reads the rows.
	 * @throws InvalidDataAccessApiUsageException if the database has no such lock, or the
	 * statement inspector is not installed
	 * @throws InvalidLookupException if {@code of} names a relation the queryset does not follow
	 */
	UnaryOperator<String> clause(SelectForUpdateOptions lock, List<List<String>> followed) {
		if (!this.installed) {
			throw new InvalidDataAccessApiUsageException("selectForUpdate() writes its lock through async-orm's "
					+ "statement inspector, which this EntityManagerFactory lacks: set hibernate.session_factory."
					+ "statement_inspector to RowLockStatementInspector.wrapping(your inspector or null).");
		}
		if (lock.isNoKey() && !this.postgres) {
			throw new InvalidDataAccessApiUsageException("FOR NO KEY UPDATE is not supported on this database backend.");
		}
		if (!lock.getOf().isEmpty() && !this.postgres) {
			throw new InvalidDataAccessApiUsageException("FOR UPDATE OF is not supported on this database backend.");
		}
		List<String> choices = new ArrayList<>(List.of(SELF));
		followed.forEach((chain) -> choices.add(String.join(RELATION_SEPARATOR, chain)));
		List<String> invalid = lock.getOf().stream().filter((name) -> !choices.contains(name)).toList();
		if (!invalid.isEmpty()) {
			throw new InvalidLookupException("Invalid field name(s) given in selectForUpdate(of(...)): "
					+ String.join(", ", invalid) + ". Only relational fields followed in the query are allowed. "
					+ "Choices are: " + String.join(", ", choices) + ".");
		}
		lock.getOf().stream().filter((name) -> !SELF.equals(name)).forEach(this::requireInnerJoin);
		return this.postgres ? (sql) -> sql + postgresClause(lock, sql) : (sql) -> sql + standardClause(lock);
	}

	/**
	 * PostgreSQL cannot lock the nullable side of an outer join, which is how an optional relation
	 * is read: refused here rather than by the database, which would also end the connection.
	 */
	private void requireInnerJoin(String path) {
		ManagedType<?> type = this.model.entityType();
		for (String hop : path.split(RELATION_SEPARATOR)) {
			SingularAttribute<?, ?> relation = type.getSingularAttribute(hop);
			if (Joins.outerFollowing(false, relation)) {
				throw new InvalidDataAccessApiUsageException("selectForUpdate(of(\"" + path + "\")) cannot lock "
						+ type.getJavaType().getSimpleName() + "." + hop + ": the relation is optional, read with an "
						+ "outer join, and PostgreSQL cannot lock the nullable side of an outer join. Lock \"self\", "
						+ "or read the related rows locked in a query of their own.");
			}
			type = (ManagedType<?>) relation.getType();
		}
	}

	private String standardClause(SelectForUpdateOptions lock) {
		return lock.isNowait() ? this.dialect.getForUpdateNowaitString()
				: lock.isSkipLocked() ? this.dialect.getForUpdateSkipLockedString() : this.dialect.getForUpdateString();
	}

	private String postgresClause(SelectForUpdateOptions lock, String sql) {
		StringBuilder clause = new StringBuilder(lock.isNoKey() ? " for no key update" : " for update");
		List<String> tables = lock.getOf();
		// PostgreSQL cannot lock the nullable side of an outer join: such a read locks its own rows.
		if (tables.isEmpty() && Set.of(" left join ", " right join ", " full join ").stream().anyMatch(sql::contains)) {
			tables = List.of(SELF);
		}
		if (!tables.isEmpty()) {
			clause.append(" of ").append(String.join(",", tables.stream().map((name) -> alias(sql, name)).toList()));
		}
		if (lock.isNowait()) {
			clause.append(" nowait");
		}
		else if (lock.isSkipLocked()) {
			clause.append(" skip locked");
		}
		return clause.toString();
	}

	/** The alias Hibernate gave the table of {@code self} or of a relation path in {@code sql}. */
	private String alias(String sql, String name) {
		EntityMappingType entity = this.mapping.getEntityDescriptor(this.model.javaType());
		String alias = rootAlias(sql, entity);
		if (SELF.equals(name)) {
			return alias;
		}
		for (String hop : name.split(RELATION_SEPARATOR)) {
			ToOneAttributeMapping toOne = (ToOneAttributeMapping) entity.findAttributeMapping(hop);
			entity = toOne.getEntityMappingType();
			alias = joinAlias(sql, alias, entity.getIdentifierTableDetails().getTableName(),
					toOne.getForeignKeyDescriptor());
		}
		return alias;
	}

	private static String rootAlias(String sql, EntityMappingType entity) {
		Matcher from = Pattern.compile(" from " + Pattern.quote(entity.getIdentifierTableDetails().getTableName())
				+ " (\\w+)").matcher(sql);
		if (!from.find()) {
			throw new IllegalStateException("The table of " + entity.getEntityName() + " is not in: " + sql);
		}
		return from.group(1);
	}

	private static String joinAlias(String sql, String parent, String table, ForeignKeyDescriptor key) {
		Set<String> columns = Set.of(key.getKeyPart().getSelectable(0).getSelectionExpression(),
				key.getTargetPart().getSelectable(0).getSelectionExpression());
		Matcher join = JOIN.matcher(sql);
		while (join.find()) {
			String alias = join.group(2);
			boolean joinsParent = Set.of(join.group(3), join.group(5)).equals(Set.of(alias, parent));
			if (join.group(1).equals(table) && joinsParent
					&& columns.equals(Set.of(join.group(4), join.group(6)))) {
				return alias;
			}
		}
		throw new IllegalStateException("The join of " + table + " to " + parent + " is not in: " + sql);
	}

}
