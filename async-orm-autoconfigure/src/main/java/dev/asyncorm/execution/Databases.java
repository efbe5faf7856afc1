package dev.asyncorm.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import dev.asyncorm.AsyncOrmRouter;
import dev.asyncorm.RoutingHints;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The databases operations can run on, Django's {@code DATABASES}: each alias with its own share
 * of the executor, so that an alias whose pool is exhausted holds only its own operations back.
 * Decides each operation's alias: the one it names with {@code using}, else the first router's
 * opinion, else the database of the instance it acts on, else {@code default}; inside a
 * transaction, the transaction's. Remembers the database each instance was read from or written
 * to, Django's {@code instance._state.db}.
 *
 * @since 0.2.0
 */
public final class Databases {

	private final Map<String, Executor> executors;

	private final List<AsyncOrmRouter> routers;

	private final DatabaseOutages outages;

	private final WeakInstanceMap<String> instances = new WeakInstanceMap<>();

	/**
	 * Creates the databases.
	 * @param executors the executor of each alias, {@link DatabaseAlias#DEFAULT} among them
	 * @param routers the routers, in order
	 * @param outages the replicas, and which of them refused connections lately
	 */
	public Databases(Map<String, Executor> executors, List<AsyncOrmRouter> routers, DatabaseOutages outages) {
		if (!executors.containsKey(DatabaseAlias.DEFAULT)) {
			throw new IllegalArgumentException("The databases need a '" + DatabaseAlias.DEFAULT + "' alias");
		}
		this.executors = new LinkedHashMap<>(executors);
		this.routers = List.copyOf(routers);
		this.outages = outages;
	}

	/**
	 * The replicas, and which of them refused connections lately.
	 * @return the outages
	 */
	public DatabaseOutages outages() {
		return this.outages;
	}

	/**
	 * Remembers, from now on, the database each entity of the persistence unit is read from or
	 * written to, when there are several databases (a Hibernate listener; nothing otherwise).
	 * @param entityManagerFactory the persistence unit
	 * @return these databases
	 */
	public Databases rememberingInstancesOf(EntityManagerFactory entityManagerFactory) {
		InstanceDatabases.register(entityManagerFactory, this);
		return this;
	}

	/**
	 * One database, {@code default}, on one executor.
	 * @param executor the executor
	 * @return the databases
	 */
	public static Databases single(Executor executor) {
		return new Databases(Map.of(DatabaseAlias.DEFAULT, executor), List.of(), DatabaseOutages.NONE);
	}

	/**
	 * The aliases, {@code default} first.
	 * @return the aliases
	 */
	public Set<String> aliases() {
		return this.executors.keySet();
	}

	/**
	 * Whether there is more than one database.
	 * @return whether there is
	 */
	public boolean several() {
		return this.executors.size() > 1;
	}

	/**
	 * Checks that an alias is known, as {@code using(alias)} is built.
	 * @param alias the alias
	 * @return the alias
	 * @throws InvalidDataAccessApiUsageException naming the known aliases when it is not
	 */
	public String known(String alias) {
		if (!this.executors.containsKey(alias)) {
			throw new InvalidDataAccessApiUsageException("The database '" + alias + "' does not exist; the databases are "
					+ this.executors.keySet() + " (async-orm.databases.<alias>.* configures more)");
		}
		return alias;
	}

	/**
	 * The executor an alias's operations run on.
	 * @param alias a known alias
	 * @return its executor
	 */
	Executor executor(String alias) {
		return this.executors.get(known(alias));
	}

	/**
	 * The alias of an operation requested outside any operation.
	 * @param route the operation's route
	 * @return the alias
	 */
	String route(Route route) {
		if (route.alias() != null) {
			return route.alias();
		}
		if (!several() && this.routers.isEmpty()) {
			return DatabaseAlias.DEFAULT;
		}
		if (route.model() != null && !this.routers.isEmpty()) {
			RoutingHints hints = new RoutingHints(route.instance(),
					(route.instance() != null) ? databaseOf(route.instance()) : null);
			for (AsyncOrmRouter router : this.routers) {
				Optional<String> opinion = route.write() ? router.dbForWrite(route.model(), hints)
						: router.dbForRead(route.model(), hints);
				if (opinion != null && opinion.isPresent()) {
					return routed(opinion.get(), router, route);
				}
			}
		}
		String instanceAlias = (route.instance() != null) ? databaseOf(route.instance()) : null;
		return (instanceAlias != null) ? instanceAlias : DatabaseAlias.DEFAULT;
	}

	private String routed(String alias, AsyncOrmRouter router, Route route) {
		if (!this.executors.containsKey(alias)) {
			throw new IllegalStateException(router.getClass().getName() + " sent a "
					+ (route.write() ? "write" : "read") + " of " + route.model().getSimpleName() + " to '" + alias
					+ "', which is not among the databases " + this.executors.keySet());
		}
		return alias;
	}

	/**
	 * The alias of an operation requested from another operation's body, whose alias is bound:
	 * inside a transaction the transaction's, and naming another is refused; else routed as any.
	 * @param route the operation's route
	 * @param bound the enclosing operation's alias
	 * @return the alias
	 * @throws IllegalStateException when it names another database than the transaction's
	 */
	String routeNested(Route route, String bound) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			return route(route);
		}
		if (route.alias() != null && !route.alias().equals(bound)) {
			throw new IllegalStateException("Cannot use the database '" + route.alias()
					+ "' inside a transaction on '" + bound + "': a transaction runs on one database. Run it outside "
					+ "the transaction, or start the transaction with AsyncOrm.atomic(\"" + route.alias() + "\", …)");
		}
		return bound;
	}

	/**
	 * Whether two instances may be related, Django's {@code allow_relation}: the first router's
	 * opinion, else whether both come from the same database.
	 * @param a one instance
	 * @param b the other
	 * @return whether they may
	 */
	public boolean allowsRelation(Object a, Object b) {
		String databaseOfA = Objects.requireNonNullElse(databaseOf(a), DatabaseAlias.DEFAULT);
		String databaseOfB = Objects.requireNonNullElse(databaseOf(b), DatabaseAlias.DEFAULT);
		for (AsyncOrmRouter router : this.routers) {
			Optional<Boolean> opinion = router.allowRelation(a, databaseOfA, b, databaseOfB);
			if (opinion != null && opinion.isPresent()) {
				return opinion.get();
			}
		}
		return databaseOfA.equals(databaseOfB);
	}

	/**
	 * Records the database an instance was read from or written to, when there are several.
	 * @param instance the instance
	 * @param alias its database
	 */
	public void remember(Object instance, String alias) {
		if (DatabaseAlias.DEFAULT.equals(alias)) {
			this.instances.remove(instance);
		}
		else {
			this.instances.put(instance, alias);
		}
	}

	/**
	 * The database an instance was last read from or written to.
	 * @param instance the instance
	 * @return the alias, or {@code null} when not known (then {@code default})
	 */
	public @Nullable String databaseOf(Object instance) {
		return this.instances.get(instance);
	}

}
