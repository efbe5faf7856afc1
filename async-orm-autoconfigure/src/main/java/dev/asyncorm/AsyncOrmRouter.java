package dev.asyncorm;

import java.util.Optional;

/**
 * Decides which database an operation goes to when it names none, and which instances may be
 * related, Django's database router ({@code DATABASE_ROUTERS}). Every bean of this type is consulted in {@code @Order}; the first
 * that has an opinion decides, and an empty answer (or {@code null}) passes to the next. When no
 * router decides, an operation on an instance goes to the database the instance was read from or
 * written to, and any other to {@code default}.
 * <p>
 * Routers are asked outside a transaction only: inside {@code AsyncOrm.atomic} every operation
 * runs on the transaction's database.
 *
 * @since 0.2.0
 */
public interface AsyncOrmRouter {

	/**
	 * The database a read of the model goes to, Django's {@code db_for_read}.
	 * @param model the entity type
	 * @param hints what the operation is about
	 * @return the alias, or empty for no opinion
	 */
	default Optional<String> dbForRead(Class<?> model, RoutingHints hints) {
		return Optional.empty();
	}

	/**
	 * The database a write of the model goes to, Django's {@code db_for_write}. A read that locks
	 * its rows ({@code selectForUpdate}) and {@code getOrCreate}/{@code updateOrCreate} are writes.
	 * @param model the entity type
	 * @param hints what the operation is about
	 * @return the alias, or empty for no opinion
	 */
	default Optional<String> dbForWrite(Class<?> model, RoutingHints hints) {
		return Optional.empty();
	}

	/**
	 * Whether two instances may be related ({@code add}, {@code set} of a related manager),
	 * Django's {@code allow_relation}. Instances do not carry their database as Django's do, so it
	 * is passed beside each: the one it was read from or written to, {@code default} when unknown.
	 * With no router's opinion, a relation is allowed between instances of the same database.
	 * @param a one instance
	 * @param databaseOfA its database
	 * @param b the other instance
	 * @param databaseOfB its database
	 * @return whether it is allowed, or empty for no opinion
	 */
	default Optional<Boolean> allowRelation(Object a, String databaseOfA, Object b, String databaseOfB) {
		return Optional.empty();
	}

}
