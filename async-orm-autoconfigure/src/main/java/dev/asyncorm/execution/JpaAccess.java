package dev.asyncorm.execution;

import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entity manager and transactions an operation runs with. A single-statement read starts no
 * transaction: outside one it gets a fresh entity manager in autocommit mode, closed when the read
 * ends, so no {@code BEGIN}/{@code COMMIT} is sent; inside {@code AsyncOrm.atomic} it joins the
 * transaction's. Writes run in one transaction through Spring's transaction manager, joining an
 * active one. An operation whose caller stops it (see {@link OperationFuture}) has its statement
 * cancelled and its transaction rolled back.
 */
public final class JpaAccess {

	private final EntityManagerFactory entityManagerFactory;

	private final EntityManager sharedEntityManager;

	private final PlatformTransactionManager transactionManager;

	private final TransactionTemplate readWrite;

	/**
	 * Creates the access.
	 * @param entityManagerFactory the persistence unit
	 * @param transactionManager its transaction manager
	 */
	public JpaAccess(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager) {
		this.entityManagerFactory = entityManagerFactory;
		this.sharedEntityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
		this.transactionManager = new StoppableTransactions(transactionManager, entityManagerFactory);
		this.readWrite = new TransactionTemplate(this.transactionManager);
	}

	/**
	 * Returns the persistence unit.
	 * @return the entity manager factory
	 */
	public EntityManagerFactory entityManagerFactory() {
		return this.entityManagerFactory;
	}

	/**
	 * Runs a single-statement read: in the current transaction if there is one, else in autocommit.
	 * @param work the read
	 * @param <R> the result type
	 * @return its result
	 */
	public <R> R read(Function<EntityManager, R> work) {
		OperationFuture<?> operation = OperationDispatcher.current();
		EntityManager transactional = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
		if (transactional != null) {
			return work.apply(runs(operation, transactional));
		}
		// Spring's shared entity manager would do the same behind a proxy of the entity manager and
		// of each query; a read on the executor has no use for them.
		EntityManager entityManager = createEntityManager();
		try {
			return work.apply(runs(operation, entityManager));
		}
		finally {
			EntityManagerFactoryUtils.closeEntityManager(entityManager);
		}
	}

	/** Lets the operation, if any, cancel the statements of the entity manager; fails if it was cancelled. */
	private static EntityManager runs(@Nullable OperationFuture<?> operation, EntityManager entityManager) {
		if (operation != null) {
			operation.runsWith(entityManager);
			operation.ensureNotStopped();
		}
		return entityManager;
	}

	/** A new entity manager, made as Spring makes those of its shared one (with its initializer). */
	private EntityManager createEntityManager() {
		return (this.entityManagerFactory instanceof EntityManagerFactoryInfo info) ? info.createNativeEntityManager(null)
				: this.entityManagerFactory.createEntityManager();
	}

	/**
	 * Runs a write in one transaction (or the current one).
	 * @param work the write
	 * @param <R> the result type
	 * @return its result
	 */
	public <R> R write(Function<EntityManager, R> work) {
		return this.readWrite.execute(status -> work.apply(this.sharedEntityManager));
	}

	/**
	 * Runs a write in a new transaction, suspending the current one.
	 * @param work the write
	 * @param <R> the result type
	 * @return its result
	 */
	public <R> R writeInNewTransaction(Function<EntityManager, R> work) {
		TransactionTemplate template = new TransactionTemplate(this.transactionManager);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template.execute(status -> work.apply(this.sharedEntityManager));
	}

	/**
	 * Returns a template for a transaction of the given definition.
	 * @param definition the definition
	 * @return the template
	 */
	public TransactionTemplate transaction(TransactionDefinition definition) {
		return new TransactionTemplate(this.transactionManager, definition);
	}

}
