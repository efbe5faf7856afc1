package dev.asyncorm.execution;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The application's transaction manager, as operations use it: a transaction that an operation
 * begins commits only if the operation's caller has not stopped it ({@link OperationFuture#commits}
 * refuses, and the transaction rolls back), and the operation's statements in it can be cancelled.
 */
final class StoppableTransactions implements PlatformTransactionManager {

	private final PlatformTransactionManager transactionManager;

	private final EntityManagerFactory entityManagerFactory;

	StoppableTransactions(PlatformTransactionManager transactionManager, EntityManagerFactory entityManagerFactory) {
		this.transactionManager = transactionManager;
		this.entityManagerFactory = entityManagerFactory;
	}

	@Override
	public TransactionStatus getTransaction(@Nullable TransactionDefinition definition) throws TransactionException {
		TransactionStatus status = this.transactionManager.getTransaction(definition);
		OperationFuture<?> operation = OperationDispatcher.current();
		if (operation != null) {
			if (status.isNewTransaction() && TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void beforeCommit(boolean readOnly) {
						operation.commits();
					}

				});
			}
			EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
			if (entityManager != null) {
				operation.runsWith(entityManager);
			}
		}
		return status;
	}

	@Override
	public void commit(TransactionStatus status) throws TransactionException {
		this.transactionManager.commit(status);
	}

	@Override
	public void rollback(TransactionStatus status) throws TransactionException {
		this.transactionManager.rollback(status);
	}

}
