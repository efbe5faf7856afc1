package dev.asyncorm.execution;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncOrm;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link AsyncOrm} bean: work on the dispatcher, in a transaction for {@code atomic}. Its
 * metrics carry {@code repository=AsyncOrm}.
 */
public final class DefaultAsyncOrm implements AsyncOrm {

	private static final String METRICS_NAME = "AsyncOrm";

	private final OperationDispatcher dispatcher;

	private final JpaAccess jpa;

	/**
	 * Creates the facade.
	 * @param dispatcher the dispatcher
	 * @param jpa the transactions
	 */
	public DefaultAsyncOrm(OperationDispatcher dispatcher, JpaAccess jpa) {
		this.dispatcher = dispatcher;
		this.jpa = jpa;
	}

	@Override
	public <R> CompletableFuture<R> atomic(Callable<R> work) {
		return atomic(TransactionDefinition.withDefaults(), work);
	}

	@Override
	public <R> CompletableFuture<R> atomic(TransactionDefinition definition, Callable<R> work) {
		return atomic(Route.DEFAULT, definition, work);
	}

	@Override
	public <R> CompletableFuture<R> atomic(String alias, Callable<R> work) {
		return atomic(alias, TransactionDefinition.withDefaults(), work);
	}

	@Override
	public <R> CompletableFuture<R> atomic(String alias, TransactionDefinition definition, Callable<R> work) {
		String database = this.dispatcher.databases().known(alias);
		return atomic(new Route(null, true, database, null), definition, work);
	}

	private <R> CompletableFuture<R> atomic(Route route, TransactionDefinition definition, Callable<R> work) {
		TransactionTemplate template = this.jpa.transaction(definition);
		return this.dispatcher.submit(route, METRICS_NAME, "atomic", () -> {
			try {
				return template.execute(status -> call(work));
			}
			catch (CheckedWorkException ex) {
				throw (Exception) ex.getCause();
			}
		});
	}

	@Override
	public <R> CompletableFuture<R> execute(Callable<R> work) {
		return this.dispatcher.submit(METRICS_NAME, "execute", work);
	}

	private static <R> R call(Callable<R> work) {
		try {
			return work.call();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CheckedWorkException(ex);
		}
	}

	/** Carries a checked exception of the work out of the transaction callback, rolling it back. */
	private static final class CheckedWorkException extends RuntimeException {

		CheckedWorkException(Exception cause) {
			super(cause);
		}

	}

}
