package dev.asyncorm.execution;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

/**
 * The replicas that refused connections lately. A read the routers sent to a replica that refuses
 * its connection, or loses it in the middle of the statement, is served by {@code default}
 * instead; the replica then gets no reads for a back-off period.
 * Each outage is logged at WARN and counted. A pool that is only exhausted (its timeout with no
 * connection failure behind it) is no outage.
 *
 * @since 0.2.0
 */
public final class DatabaseOutages {

	/** No replicas: nothing fails over. */
	public static final DatabaseOutages NONE = new DatabaseOutages(Set.of(), Duration.ZERO);

	private static final Log logger = LogFactory.getLog(DatabaseOutages.class);

	private final Set<String> replicas;

	private final Duration backoff;

	private final Map<String, Long> downUntil = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> outages = new ConcurrentHashMap<>();

	/**
	 * Creates the record.
	 * @param replicas the aliases of the replicas, whose reads may fail over to {@code default}
	 * @param backoff how long a replica that refused a connection gets no reads
	 */
	public DatabaseOutages(Set<String> replicas, Duration backoff) {
		this.replicas = Set.copyOf(replicas);
		this.backoff = backoff;
	}

	/**
	 * The aliases of the replicas.
	 * @return the aliases
	 */
	public Set<String> replicas() {
		return this.replicas;
	}

	/**
	 * Whether a database may be given a read now: it did not fail over within the back-off. When
	 * the back-off has passed, reads go to it again, and those that find it still down fail over
	 * once more (each after its pool's connection timeout).
	 * @param alias the database
	 * @return whether it may
	 */
	public boolean available(String alias) {
		if (this.downUntil.isEmpty()) {
			return true;
		}
		Long until = this.downUntil.get(alias);
		if (until == null) {
			return true;
		}
		if (System.nanoTime() - until >= 0) {
			this.downUntil.remove(alias, until);
			return true;
		}
		return false;
	}

	/**
	 * Records a failure of a read on a replica, when it is an outage of the replica: the read may
	 * then run on {@code default}.
	 * @param alias the database the read ran on
	 * @param failure how it failed
	 * @return whether the read may run again on {@code default}
	 */
	public boolean failOver(String alias, Throwable failure) {
		if (!this.replicas.contains(alias) || !isOutage(failure)) {
			return false;
		}
		this.downUntil.put(alias, System.nanoTime() + this.backoff.toNanos());
		this.outages.computeIfAbsent(alias, (key) -> new AtomicLong()).incrementAndGet();
		logger.warn("Database '" + alias + "' refused a connection (" + NestedExceptionUtils.getMostSpecificCause(failure)
				+ "); reads routed to it go to '" + DatabaseAlias.DEFAULT + "' for " + this.backoff);
		return true;
	}

	/**
	 * How many times a database had an outage.
	 * @param alias the database
	 * @return the count
	 */
	public long count(String alias) {
		AtomicLong count = this.outages.get(alias);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Whether a failure means the database cannot be reached: a connection exception (SQLState
	 * class 08), a server shutting down ({@code 57P01}–{@code 57P03}), a refused socket, or a pool
	 * that could not start.
	 */
	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
			if (cause instanceof ConnectException || cause.getClass().getName().endsWith("PoolInitializationException")) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Throwable next(Throwable failure) {
		if (failure.getCause() != null && failure.getCause() != failure) {
			return failure.getCause();
		}
		return (failure instanceof SQLException sql) ? sql.getNextException() : null;
	}

}
