package dev.asyncorm.relation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.query.EntityAttributes;
import dev.asyncorm.query.ScopedModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.metamodel.Attribute;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A reverse foreign key's related manager ({@code box.pizza_set}): changes re-point the children's
 * key with bulk {@code UPDATE}s, never loading the members. {@code remove} and {@code clear} set the
 * key to null and exist only when it is nullable, as in Django.
 *
 * @param <R> the related entity type
 */
final class ReverseForeignKeyManager<R> extends AbstractRelatedManager<R> {

	private final Relation.ReverseForeignKey relation;

	private final Attribute<?, ?> foreignKey;

	ReverseForeignKeyManager(RelationContext context, ScopedModel<R> scoped, Attribute<?, ?> foreignKey) {
		super(context, scoped);
		this.relation = (Relation.ReverseForeignKey) context.relation;
		this.foreignKey = foreignKey;
	}

	@Override
	public CompletableFuture<Void> add(Collection<? extends R> objects, boolean bulk) {
		if (!bulk) {
			List<R> children = new ArrayList<>(objects);
			this.context.idsOfAny(children, "add");
			this.context.allowed(children, "add");
			children.forEach((child) -> EntityAttributes.set(child, this.foreignKey, this.context.owner));
			return this.context.write("add", (em) -> children.forEach((child) -> save(em, child)));
		}
		Set<Object> ids = this.context.idsOf(objects, "add", "use add(objects, false) or save it first");
		this.context.allowed(objects, "add");
		objects.forEach((child) -> EntityAttributes.set(child, this.foreignKey, this.context.owner));
		return pointAtOwner("add", ids);
	}

	@Override
	public CompletableFuture<Void> addIds(Collection<?> ids) {
		return pointAtOwner("add", this.context.ids(ids));
	}

	@Override
	public CompletableFuture<Void> removeIds(Collection<?> ids) {
		requireNullable("remove");
		Set<Object> targets = this.context.ids(ids);
		if (targets.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.context.write("remove", (em) -> {
			requireMembers(em, targets);
			update(em, null, (root, cb) -> root.get(this.relation.targetIdName()).in(targets));
		});
	}

	@Override
	public CompletableFuture<Void> clear() {
		requireNullable("clear");
		return this.context.write("clear",
				(em) -> update(em, null, (root, cb) -> this.relation.pointsAt(root, cb, this.context.ownerId)));
	}

	/** Django: with a key that is not nullable, set() can only add; existing members stay. */
	@Override
	CompletableFuture<Void> setIds(Set<Object> targets, boolean clear) {
		return this.context.write("set", (em) -> {
			if (this.relation.nullable()) {
				update(em, null, (root, cb) -> {
					Predicate members = this.relation.pointsAt(root, cb, this.context.ownerId);
					return (clear || targets.isEmpty()) ? members
							: cb.and(members, cb.not(root.get(this.relation.targetIdName()).in(targets)));
				});
			}
			if (!targets.isEmpty()) {
				update(em, this.context.ownerId, (root, cb) -> root.get(this.relation.targetIdName()).in(targets));
			}
		});
	}

	@Override
	public AsyncRelatedManager<R> through(Map<String, ?> defaults) {
		if (defaults.isEmpty()) {
			return this;
		}
		throw new InvalidDataAccessApiUsageException("'" + this.relation.name()
				+ "' is a reverse foreign key, not a many-to-many relation: it has no through defaults.");
	}

	private CompletableFuture<Void> pointAtOwner(String operation, Set<Object> ids) {
		if (ids.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.context.write(operation,
				(em) -> update(em, this.context.ownerId, (root, cb) -> root.get(this.relation.targetIdName()).in(ids)));
	}

	/** Sets the key of the matching children to the owner, or to null, with one UPDATE. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void update(EntityManager em, @Nullable Object ownerId, Where where) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		Class target = this.relation.targetType();
		CriteriaUpdate update = cb.createCriteriaUpdate(target);
		Root root = update.from(target);
		Object value = (ownerId != null) ? em.getReference(this.relation.ownerType(), ownerId) : null;
		if (value != null) {
			update.set(root.get(this.relation.foreignKey()), value);
		}
		else {
			update.set(root.get(this.relation.foreignKey()), (Expression) cb.nullLiteral(this.relation.ownerType()));
		}
		update.where(where.predicate(root, cb));
		em.createQuery(update).executeUpdate();
	}

	/** Django refuses to remove a child that belongs to another owner. */
	private void requireMembers(EntityManager em, Set<Object> ids) {
		CriteriaBuilder cb = em.getCriteriaBuilder();
		CriteriaQuery<Object> query = cb.createQuery(Object.class);
		Root<?> root = query.from(this.relation.targetType());
		query.select(root.get(this.relation.targetIdName()))
			.where(root.get(this.relation.targetIdName()).in(ids), this.relation.pointsAt(root, cb, this.context.ownerId));
		List<Object> members = em.createQuery(query).getResultList().stream().map(this.context::normalize).toList();
		for (Object id : ids) {
			if (!members.contains(id)) {
				throw new ObjectDoesNotExistException(this.relation.targetType().getSimpleName() + " with id " + id
						+ " is not related to " + this.context.describe(this.context.owner) + ".");
			}
		}
	}

	private void requireNullable(String operation) {
		if (!this.relation.nullable()) {
			throw new InvalidDataAccessApiUsageException(operation + "() is not available on '" + this.relation.name()
					+ "': " + this.relation.targetType().getSimpleName() + "." + this.relation.foreignKey()
					+ " is not nullable, so a child cannot be left without a " + this.relation.ownerType().getSimpleName()
					+ ".");
		}
	}

	private void save(EntityManager em, R child) {
		if (this.context.idOf(child) == null) {
			em.persist(child);
		}
		else {
			em.merge(child);
		}
	}

	/** The condition of a bulk update. */
	@FunctionalInterface
	private interface Where {

		Predicate predicate(Root<?> root, CriteriaBuilder cb);

	}

}
