package dev.asyncorm.repository;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.asyncorm.AsyncModelRepository;
import dev.asyncorm.execution.OperationDispatcher;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Moves a repository's own query methods that return a {@code Future} (derived queries,
 * {@code @Query} methods) onto the {@code asyncOrmExecutor}. It is the first advice of the
 * repository proxy, so that Spring Data's transaction and exception-translation interceptors run
 * on the executor thread; Spring Data itself would run the query on the caller's thread and
 * return a completed future. The methods of {@link AsyncModelRepository} pass through: they
 * dispatch themselves.
 */
final class AsyncQueryMethodInterceptor implements MethodInterceptor {

	private final String repositoryName;

	private final Supplier<OperationDispatcher> dispatcher;

	AsyncQueryMethodInterceptor(String repositoryName, Supplier<OperationDispatcher> dispatcher) {
		this.repositoryName = repositoryName;
		this.dispatcher = dispatcher;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (!Future.class.isAssignableFrom(method.getReturnType())
				|| method.getDeclaringClass().isAssignableFrom(AsyncModelRepository.class)
				|| OperationDispatcher.inOperation()) {
			return invocation.proceed();
		}
		return this.dispatcher.get().submit(this.repositoryName, method.getName(), () -> result(invocation));
	}

	private static @Nullable Object result(MethodInvocation invocation) throws Exception {
		try {
			Object result = invocation.proceed();
			return (result != null) ? ((Future<?>) result).get() : null;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// Neither an Exception nor an Error: only a custom Throwable, which a Callable cannot throw.
			throw new IllegalStateException(ex);
		}
	}

}
