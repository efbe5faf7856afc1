package dev.asyncorm.relation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.asyncorm.execution.DatabaseAlias;
import dev.asyncorm.execution.Databases;
import dev.asyncorm.execution.JpaAccess;
import dev.asyncorm.execution.OperationDispatcher;
import dev.asyncorm.execution.Route;
import dev.asyncorm.query.ValueConverter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.ClassUtils;

/**
 * What the related managers of one owner share: the relation, the owner and its id, where
 * operations run, and how ids are read and normalised.
 */
final class RelationContext {

	final Relation relation;

	final Object owner;

	final Object ownerId;

	final JpaAccess jpa;

	/** The members {@code prefetchRelated} read with the owner instance, for a relation its model does not map. */
	final @Nullable List<?> prefetched;

	private final OperationDispatcher dispatcher;

	private final String repositoryName;

	private final PersistenceUnitUtil units;

	private final Class<?> targetIdType;

	RelationContext(Relation relation, Object owner, Object ownerId, JpaAccess jpa, OperationDispatcher dispatcher,
			String repositoryName, Class<?> targetIdType, @Nullable List<?> prefetched) {
		this.relation = relation;
		this.owner = owner;
		this.ownerId = ownerId;
		this.jpa = jpa;
		this.prefetched = prefetched;
		this.dispatcher = dispatcher;
		this.repositoryName = repositoryName;
		this.units = jpa.entityManagerFactory().getPersistenceUnitUtil();
		this.targetIdType = ClassUtils.resolvePrimitiveIfNecessary(targetIdType);
	}

	/**
	 * Runs a change of the relation in one transaction, measured as {@code <relation>.<operation>},
	 * on the database the write routers choose for the owner, else the owner's own.
	 */
	CompletableFuture<Void> write(String operation, Consumer<EntityManager> work) {
		Route route = new Route(this.relation.ownerType(), true, null, this.owner);
		return this.dispatcher.submit(route, this.repositoryName, this.relation.name() + "." + operation,
				() -> this.jpa.write((em) -> {
					work.accept(em);
					return null;
				}));
	}

	@Nullable Object idOf(Object entity) {
		return this.units.getIdentifier(entity);
	}

	/** The ids of related objects, checked to be of the target type and, when asked, saved. */
	Set<Object> idsOf(Collection<?> objects, String action, @Nullable String unsavedHint) {
		idsOfAny(objects, action);
		Set<Object> ids = new LinkedHashSet<>();
		for (Object object : objects) {
			Object id = idOf(object);
			if (id == null) {
				throw new InvalidDataAccessApiUsageException("Cannot " + action + " " + describe(object)
						+ ": it is not saved" + ((unsavedHint != null) ? "; " + unsavedHint : "") + ".");
			}
			ids.add(normalize(id));
		}
		return ids;
	}

	/**
	 * Checks that the routers let each object be related to the owner (Django's
	 * {@code allow_relation}; without a router's opinion, both must come from the same database).
	 */
	void allowed(Collection<?> objects, String action) {
		for (Object object : objects) {
			if (!this.dispatcher.databases().allowsRelation(this.owner, object)) {
				Databases databases = this.dispatcher.databases();
				throw new InvalidDataAccessApiUsageException("Cannot " + action + " \"" + describe(object)
						+ "\": instance is on database \"" + database(databases, this.owner)
						+ "\", value is on database \"" + database(databases, object) + "\"");
			}
		}
	}

	private static String database(Databases databases, Object instance) {
		String database = databases.databaseOf(instance);
		return (database != null) ? database : DatabaseAlias.DEFAULT;
	}

	/** Checks that objects are of the target type, saved or not. */
	void idsOfAny(Collection<?> objects, String action) {
		for (Object object : objects) {
			if (!this.relation.targetType().isInstance(object)) {
				throw new InvalidDataAccessApiUsageException("'" + this.relation.targetType().getSimpleName()
						+ "' instance expected by " + action + "(), got " + describe(object) + ".");
			}
		}
	}

	/** Primary keys given by the user, converted to the target's id type. */
	Set<Object> ids(Collection<?> ids) {
		Set<Object> normalized = new LinkedHashSet<>();
		for (Object id : ids) {
			if (id == null) {
				throw new InvalidDataAccessApiUsageException("A primary key of " + this.relation.name() + " is null.");
			}
			normalized.add(normalize(id));
		}
		return normalized;
	}

	/** A key as the target's id type, whatever numeric type the caller or the driver used. */
	Object normalize(Object id) {
		return Objects.requireNonNull(ValueConverter.INSTANCE.convert(id, this.targetIdType, this.relation.targetIdName()));
	}

	String describe(Object entity) {
		Object id = (this.relation.ownerType().isInstance(entity) || this.relation.targetType().isInstance(entity))
				? idOf(entity) : null;
		return entity.getClass().getSimpleName() + ((id != null) ? " with id " + id : " " + entity);
	}

}
