package dev.asyncorm.execution;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.asyncorm.AsyncOrmRouter;
import dev.asyncorm.RoutingHints;

/**
 * Sends reads to the replicas in turn and every write to {@code default}, the primary: Django's
 * primary/replica router. Reads inside a transaction follow the transaction, which runs on the
 * primary unless started on a replica. A replica lags behind the primary: a read just after a
 * write may not see it; name the primary with {@code using("default")} where it must.
 * Enabled with {@code async-orm.routing.replicas}; define a bean of this type to tune it.
 *
 * @since 0.2.0
 */
public final class ReplicaRouter implements AsyncOrmRouter {

	private final List<String> replicas;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * Creates the router.
	 * @param replicas the aliases of the replicas, at least one
	 */
	public ReplicaRouter(List<String> replicas) {
		if (replicas.isEmpty()) {
			throw new IllegalArgumentException("A ReplicaRouter needs at least one replica");
		}
		if (replicas.contains(DatabaseAlias.DEFAULT)) {
			throw new IllegalArgumentException("'" + DatabaseAlias.DEFAULT
					+ "' is the primary, not a replica: writes go there");
		}
		this.replicas = List.copyOf(replicas);
	}

	/**
	 * The replicas reads go to.
	 * @return their aliases
	 */
	public List<String> replicas() {
		return this.replicas;
	}

	@Override
	public Optional<String> dbForRead(Class<?> model, RoutingHints hints) {
		return Optional.of(this.replicas.get(Math.floorMod(this.next.getAndIncrement(), this.replicas.size())));
	}

	@Override
	public Optional<String> dbForWrite(Class<?> model, RoutingHints hints) {
		return Optional.of(DatabaseAlias.DEFAULT);
	}

}
