package dev.asyncorm.query;

import jakarta.persistence.EntityManager;

/**
 * Narrows every queryset of a model to a scope, such as the members of one owner's relation, and
 * links the rows that {@code getOrCreate} and {@code updateOrCreate} create to it.
 *
 * @param name what the metrics call the scope's operations, for example {@code toppings}
 * @param condition the condition every query of the scope adds
 * @param linker what makes a newly created row part of the scope
 * @param owner the instance whose relation the scope is, which routes its operations as Django's
 * related managers pass {@code instance} to the routers
 * @param <T> the entity type
 * @since 0.1.0
 */
public record QueryScope<T>(String name, Condition<T> condition, Linker<T> linker, Object owner) {

	/**
	 * Makes a new row part of a scope.
	 *
	 * @param <T> the entity type
	 */
	public interface Linker<T> {

		/**
		 * Prepares the entity before it is inserted, for example by setting its foreign key.
		 * @param entity the new entity
		 */
		void beforeInsert(T entity);

		/**
		 * Links the inserted entity, in the same transaction, for example with a join-table row.
		 * @param em the transaction's entity manager
		 * @param entity the inserted entity, id set
		 */
		void afterInsert(EntityManager em, T entity);

	}

}
