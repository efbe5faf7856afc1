package dev.asyncorm;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.springframework.transaction.TransactionDefinition;

/**
 * Runs blocking work on the {@code asyncOrmExecutor}: a transaction of several operations, or any
 * blocking code, measured as repository operations are. Inside the work, async-orm operations run
 * inline in the same thread and transaction instead of queueing again, so joining their futures
 * there cannot deadlock. Operations requested from the completion callbacks of the returned
 * futures queue like any other.
 *
 * @since 0.1.0
 */
public interface AsyncOrm {

	/**
	 * Runs the work in one read-write transaction on the executor, Django's
	 * {@code sync_to_async(transaction.atomic(...))}; an exception rolls it back. The transaction
	 * runs on {@code default} (or, inside another operation, on that operation's database).
	 * @param work the work
	 * @param <R> the result type
	 * @return a future of the work's result, failing with the work's exception (translated to
	 * Spring's {@code DataAccessException} where it is a persistence exception)
	 */
	<R> CompletableFuture<R> atomic(Callable<R> work);

	/**
	 * Runs the work in one transaction of the given definition on the executor.
	 * @param definition propagation, isolation, read-only, timeout
	 * @param work the work
	 * @param <R> the result type
	 * @return a future of the work's result
	 */
	<R> CompletableFuture<R> atomic(TransactionDefinition definition, Callable<R> work);

	/**
	 * Runs the work in one read-write transaction on one database, Django's
	 * {@code transaction.atomic(using=alias)}: the operations inside run on that database, and one
	 * that names another with {@code using} is refused with {@link IllegalStateException}.
	 * @param alias the database's alias, {@code default} for the application's own data source
	 * @param work the work
	 * @param <R> the result type
	 * @return a future of the work's result
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the alias is not among the databases
	 * @since 0.2.0
	 */
	<R> CompletableFuture<R> atomic(String alias, Callable<R> work);

	/**
	 * Runs the work in one transaction of the given definition on one database.
	 * @param alias the database's alias
	 * @param definition propagation, isolation, read-only, timeout
	 * @param work the work
	 * @param <R> the result type
	 * @return a future of the work's result
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the alias is not among the databases
	 * @since 0.2.0
	 */
	<R> CompletableFuture<R> atomic(String alias, TransactionDefinition definition, Callable<R> work);

	/**
	 * Runs blocking code on the executor without a transaction, Django's {@code sync_to_async}.
	 * @param work the work
	 * @param <R> the result type
	 * @return a future of the work's result
	 */
	<R> CompletableFuture<R> execute(Callable<R> work);

}
