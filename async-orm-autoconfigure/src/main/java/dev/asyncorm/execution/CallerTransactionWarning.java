package dev.asyncorm.execution;

import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Warns, once per call site, that an operation requested inside the calling thread's own
 * transaction (a {@code @Transactional} method calling a repository) is not part of it: it runs
 * on the executor, on a connection of its own.
 */
final class CallerTransactionWarning {

	private static final Log logger = LogFactory.getLog(OperationDispatcher.class);

	/** The frames of Spring, of the JDK and of proxies, which are not the call site. */
	private static final String[] NOT_CALL_SITES = { "org.springframework.", "jdk.proxy", "java.", "jdk.internal.",
			"com.sun.proxy." };

	/** Where the library's classes come from: their frames are not the call site either. */
	private static final @Nullable URL LIBRARY = location(CallerTransactionWarning.class);

	private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Warns if the calling thread is in a transaction and this call site was not warned about yet.
	 * @param repository the repository's simple name
	 * @param operation the operation
	 */
	void check(String repository, String operation) {
		if (!TransactionSynchronizationManager.isActualTransactionActive() || !logger.isWarnEnabled()) {
			return;
		}
		String callSite = callSite().orElse("an unknown call site");
		if (this.warned.add(callSite)) {
			logger.warn(repository + "." + operation + " was called inside a transaction of the calling thread, at "
					+ callSite + ". It runs on the asyncOrmExecutor on a connection of its own, outside that transaction: "
					+ "it does not see the transaction's uncommitted changes, and a rollback does not undo it. "
					+ "Group operations that must share a transaction in AsyncOrm.atomic(...). "
					+ "(Logged once for this call site.)");
		}
	}

	private static Optional<String> callSite() {
		return STACK.walk((frames) -> frames.filter((frame) -> !isLibrary(frame.getDeclaringClass())).findFirst())
			.map((frame) -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
					+ frame.getLineNumber() + ")");
	}

	private static boolean isLibrary(Class<?> type) {
		for (String prefix : NOT_CALL_SITES) {
			if (type.getName().startsWith(prefix)) {
				return true;
			}
		}
		return LIBRARY != null && LIBRARY.equals(location(type));
	}

	private static @Nullable URL location(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		return (source != null) ? source.getLocation() : null;
	}

}
