package dev.asyncorm.relation;

import dev.asyncorm.query.Condition;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.jspecify.annotations.Nullable;

/**
 * A relation that a related manager acts on, resolved once per owner type and name.
 */
sealed interface Relation permits Relation.ManyToMany, Relation.ReverseForeignKey {

	/** The relation's name as the user gave it, for messages and metrics. */
	String name();

	Class<?> ownerType();

	Class<?> targetType();

	String ownerIdName();

	String targetIdName();

	/** The condition that narrows the target's rows to the owner's members. */
	<R> Condition<R> members(Object ownerId);

	/**
	 * A many-to-many relation and its join table. The members are found through the owner's
	 * collection attribute when there is one, else through the target's attribute that maps the
	 * relation from the other side.
	 */
	record ManyToMany(String name, Class<?> ownerType, Class<?> targetType, String ownerIdName, String targetIdName,
			@Nullable String ownerAttribute, @Nullable String targetAttribute, JoinTable joinTable) implements Relation {

		@Override
		@SuppressWarnings({ "unchecked", "rawtypes" })
		public <R> Condition<R> members(Object ownerId) {
			return (root, statement, cb) -> {
				Subquery members = statement.subquery(root.get(this.targetIdName).getJavaType());
				if (this.ownerAttribute != null) {
					Root owner = members.from(this.ownerType);
					Join member = owner.join(this.ownerAttribute);
					members.select(member.get(this.targetIdName)).where(cb.equal(owner.get(this.ownerIdName), ownerId));
				}
				else {
					Root target = members.from(this.targetType);
					Join owner = target.join(this.targetAttribute);
					members.select(target.get(this.targetIdName)).where(cb.equal(owner.get(this.ownerIdName), ownerId));
				}
				return root.get(this.targetIdName).in(members);
			};
		}

	}

	/**
	 * A reverse foreign key: the target's to-one attribute {@code foreignKey} points at the owner.
	 */
	record ReverseForeignKey(String name, Class<?> ownerType, Class<?> targetType, String ownerIdName,
			String targetIdName, String foreignKey, boolean nullable) implements Relation {

		@Override
		public <R> Condition<R> members(Object ownerId) {
			return (root, statement, cb) -> pointsAt(root, cb, ownerId);
		}

		Predicate pointsAt(Root<?> root, CriteriaBuilder cb, Object ownerId) {
			return cb.equal(root.get(this.foreignKey).get(this.ownerIdName), ownerId);
		}

	}

	/**
	 * A join table: its name and its two key columns, as Hibernate maps them, and the entity that
	 * maps the same table with extra columns (Django's explicit {@code through} model), if any.
	 */
	record JoinTable(String table, String ownerColumn, String targetColumn, @Nullable ThroughEntity through) {
	}

}
