package dev.asyncorm.query;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.asyncorm.execution.JpaAccess;
import dev.asyncorm.execution.OperationDispatcher;
import dev.asyncorm.execution.PersistenceExceptions;
import jakarta.persistence.metamodel.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ModelManager} of each repository, made on first use from the JPA metamodel.
 */
public final class ModelManagers {

	private final JpaAccess jpa;

	private final OperationDispatcher dispatcher;

	private final PersistenceExceptions exceptions;

	private final QuerySettings settings;

	/** One resolver for every model, so that the relation names of each entity are found once. */
	private final PathResolver paths;

	/**
	 * One record of partly read instances for every repository and related manager, so that
	 * whichever saves an instance knows how it was read.
	 */
	private final LoadedFields loadedFields = new LoadedFields();

	/** One record of the rows prefetched for relations that instances cannot hold, read by the related managers. */
	private final PrefetchedRows prefetchedRows = new PrefetchedRows();

	private final ConcurrentMap<Class<?>, ModelManager<?>> managers = new ConcurrentHashMap<>();

	private final ConcurrentMap<RuntimeKey, ModelRuntime<?>> runtimes = new ConcurrentHashMap<>();

	/**
	 * Creates the registry.
	 * @param jpa the persistence unit and its transactions
	 * @param dispatcher the dispatcher operations run on
	 * @param exceptions the exception translation
	 * @param settings the defaults of every queryset
	 */
	public ModelManagers(JpaAccess jpa, OperationDispatcher dispatcher, PersistenceExceptions exceptions,
			QuerySettings settings) {
		this.jpa = jpa;
		this.dispatcher = dispatcher;
		this.exceptions = exceptions;
		this.settings = settings;
		this.paths = new PathResolver(jpa.entityManagerFactory().getMetamodel());
	}

	/**
	 * Returns the manager of a repository.
	 * @param repositoryInterface the repository interface, whose simple name tags the metrics
	 * @param domainType the entity type
	 * @param <T> the entity type
	 * @return the manager
	 */
	@SuppressWarnings("unchecked")
	public <T> ModelManager<T> manager(Class<?> repositoryInterface, Class<T> domainType) {
		return (ModelManager<T>) this.managers.computeIfAbsent(repositoryInterface,
				(key) -> create(repositoryInterface, domainType));
	}

	/**
	 * Returns a model seen through a scope, its operations measured under a repository's name.
	 * @param repositoryInterface the repository whose simple name tags the metrics
	 * @param domainType the entity type
	 * @param scope the scope
	 * @param <T> the entity type
	 * @return the scoped model
	 */
	@SuppressWarnings("unchecked")
	public <T> ScopedModel<T> scoped(Class<?> repositoryInterface, Class<T> domainType, QueryScope<T> scope) {
		ModelRuntime<T> runtime = (ModelRuntime<T>) this.runtimes.computeIfAbsent(
				new RuntimeKey(repositoryInterface, domainType), (key) -> runtime(repositoryInterface, domainType));
		return new ScopedModel<>(runtime, scope);
	}

	/**
	 * Returns the rows {@code prefetchRelated} read for a relation the owner's model does not map
	 * ({@code story_set}), when the owner instance was read with it.
	 * @param owner the owner instance
	 * @param relation the relation's name
	 * @return the related rows, or {@code null} when none were prefetched for this instance
	 */
	public @Nullable List<?> prefetched(Object owner, String relation) {
		return this.prefetchedRows.get(owner, relation);
	}

	private <T> ModelManager<T> create(Class<?> repositoryInterface, Class<T> domainType) {
		return new ModelManager<>(runtime(repositoryInterface, domainType));
	}

	private <T> ModelRuntime<T> runtime(Class<?> repositoryInterface, Class<T> domainType) {
		EntityType<T> entityType = this.jpa.entityManagerFactory().getMetamodel().entity(domainType);
		return new ModelRuntime<>(new ModelInfo<>(entityType), this.paths, this.loadedFields, this.prefetchedRows, this.jpa, this.dispatcher,
				this.exceptions, repositoryInterface.getSimpleName(), this.settings);
	}

	private record RuntimeKey(Class<?> repositoryInterface, Class<?> domainType) {
	}

}
