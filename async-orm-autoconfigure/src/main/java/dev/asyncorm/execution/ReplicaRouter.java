package dev.asyncorm.execution;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import dev.asyncorm.AsyncOrmRouter;
import dev.asyncorm.RoutingHints;
import org.jspecify.annotations.Nullable;

/**
 * Sends reads to the replicas, in turn or to the least busy, and every write to {@code default},
 * the primary: Django's primary/replica router. Reads inside a transaction follow the
 * transaction, which runs on the primary unless started on a replica. A replica lags behind the
 * primary: a read just after a write may not see it; name the primary with
 * {@code using("default")} where it must. A replica that refused a connection within the
 * back-off ({@link DatabaseOutages}) is left out; with none left, reads go to the primary.
 * An instance of another database (neither the primary nor a replica) is left to the next router,
 * and by default goes back to its own database. Enabled with {@code async-orm.routing.replicas}.
 *
 * @since 0.2.0
 */
public final class ReplicaRouter implements AsyncOrmRouter {

	private final List<String> replicas;

	private final Predicate<String> available;

	private final @Nullable ToIntFunction<String> load;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * Creates a router that sends reads to every replica in turn.
	 * @param replicas the aliases of the replicas, at least one
	 */
	public ReplicaRouter(List<String> replicas) {
		this(replicas, (replica) -> true, null);
	}

	/**
	 * Creates a router.
	 * @param replicas the aliases of the replicas, at least one
	 * @param available whether a replica may be given reads now
	 * @param load how busy a replica is (for example its pool's active connections), to send each
	 * read to the least busy; {@code null} to send them in turn
	 */
	public ReplicaRouter(List<String> replicas, Predicate<String> available, @Nullable ToIntFunction<String> load) {
		if (replicas.isEmpty()) {
			throw new IllegalArgumentException("A ReplicaRouter needs at least one replica");
		}
		if (replicas.contains(DatabaseAlias.DEFAULT)) {
			throw new IllegalArgumentException("'" + DatabaseAlias.DEFAULT
					+ "' is the primary, not a replica: writes go there");
		}
		this.replicas = List.copyOf(replicas);
		this.available = available;
		this.load = load;
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
		if (hints.database() != null && !inPool(hints.database())) {
			return Optional.empty();
		}
		int size = this.replicas.size();
		int start = Math.floorMod(this.next.getAndIncrement(), size);
		String chosen = null;
		int chosenLoad = Integer.MAX_VALUE;
		for (int i = 0; i < size; i++) {
			String replica = this.replicas.get((start + i) % size);
			if (!this.available.test(replica)) {
				continue;
			}
			if (this.load == null) {
				return Optional.of(replica);
			}
			int replicaLoad = this.load.applyAsInt(replica);
			if (replicaLoad < chosenLoad) {
				chosen = replica;
				chosenLoad = replicaLoad;
			}
		}
		return Optional.of((chosen != null) ? chosen : DatabaseAlias.DEFAULT);
	}

	@Override
	public Optional<String> dbForWrite(Class<?> model, RoutingHints hints) {
		return (hints.database() != null && !inPool(hints.database())) ? Optional.empty()
				: Optional.of(DatabaseAlias.DEFAULT);
	}

	/** Instances of the primary and its replicas hold the same rows: they may be related. */
	@Override
	public Optional<Boolean> allowRelation(Object a, String databaseOfA, Object b, String databaseOfB) {
		return (inPool(databaseOfA) && inPool(databaseOfB)) ? Optional.of(true) : Optional.empty();
	}

	private boolean inPool(String database) {
		return DatabaseAlias.DEFAULT.equals(database) || this.replicas.contains(database);
	}

}
