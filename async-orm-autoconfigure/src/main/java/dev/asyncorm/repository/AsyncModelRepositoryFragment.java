package dev.asyncorm.repository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncModelManager;
import dev.asyncorm.AsyncModelRepository;
import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.AsyncQuerySet;
import dev.asyncorm.DeleteResult;
import dev.asyncorm.query.DelegatingQueryOperations;
import dev.asyncorm.query.ModelManager;
import dev.asyncorm.query.ModelManagers;
import dev.asyncorm.relation.RelatedManagers;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.RepositoryMethodContext;
import org.springframework.data.repository.core.support.RepositoryMetadataAccess;

/**
 * The implementation Spring Data composes into every repository that extends
 * {@link AsyncModelRepository} directly (registered in {@code META-INF/spring.factories}). One
 * instance serves every repository: each call reads the calling repository's metadata on the
 * caller's thread and hands over to that repository's {@link ModelManager}.
 */
public class AsyncModelRepositoryFragment extends DelegatingQueryOperations<Object>
		implements AsyncModelRepository<Object, Object>, RepositoryMetadataAccess {

	private final ObjectProvider<ModelManagers> managersProvider;

	private final ObjectProvider<RelatedManagers> relationsProvider;

	private volatile @Nullable ModelManagers managers;

	private volatile @Nullable RelatedManagers relations;

	/**
	 * Creates the fragment.
	 * @param managersProvider the managers, absent when async-orm is disabled
	 * @param relationsProvider the related managers, absent when async-orm is disabled
	 */
	public AsyncModelRepositoryFragment(ObjectProvider<ModelManagers> managersProvider,
			ObjectProvider<RelatedManagers> relationsProvider) {
		this.managersProvider = managersProvider;
		this.relationsProvider = relationsProvider;
	}

	@SuppressWarnings("unchecked")
	private ModelManager<Object> manager() {
		RepositoryMetadata metadata = RepositoryMethodContext.getContext().getMetadata();
		ModelManagers managers = this.managers;
		if (managers == null) {
			managers = required(this.managersProvider, metadata);
			this.managers = managers;
		}
		return managers.manager(metadata.getRepositoryInterface(), (Class<Object>) metadata.getDomainType());
	}

	private RelatedManagers relations(RepositoryMetadata metadata) {
		RelatedManagers relations = this.relations;
		if (relations == null) {
			relations = required(this.relationsProvider, metadata);
			this.relations = relations;
		}
		return relations;
	}

	private static <S> S required(ObjectProvider<S> provider, RepositoryMetadata metadata) {
		S service = provider.getIfAvailable();
		if (service == null) {
			throw new IllegalStateException(metadata.getRepositoryInterface().getSimpleName()
					+ " cannot run: async-orm is not configured (async-orm.enabled=false, or no EntityManagerFactory)");
		}
		return service;
	}

	@Override
	public <R> AsyncRelatedManager<R> related(Object owner, String relation) {
		RepositoryMetadata metadata = RepositoryMethodContext.getContext().getMetadata();
		return relations(metadata).related(metadata.getRepositoryInterface(), metadata.getDomainType(), owner, relation);
	}

	@Override
	public <R> AsyncRelatedManager<R> related(Object owner, PluralAttribute<? super Object, ?, R> relation) {
		return related(owner, relation.getName());
	}

	@Override
	public <R> CompletableFuture<Optional<R>> relatedObject(Object owner, String relation) {
		RepositoryMetadata metadata = RepositoryMethodContext.getContext().getMetadata();
		return relations(metadata).relatedObject(metadata.getRepositoryInterface(), metadata.getDomainType(), owner,
				relation);
	}

	@Override
	public <R> CompletableFuture<Optional<R>> relatedObject(Object owner, SingularAttribute<? super Object, R> relation) {
		return relatedObject(owner, relation.getName());
	}

	@Override
	public AsyncQuerySet<Object> all() {
		return manager().all();
	}

	@Override
	public CompletableFuture<Object> create(Object entity) {
		return manager().create(entity);
	}

	@Override
	public CompletableFuture<Object> create(Map<String, ?> fields) {
		return manager().create(fields);
	}

	@Override
	public CompletableFuture<Object> save(Object entity) {
		return manager().save(entity);
	}

	@Override
	public CompletableFuture<Object> save(Object entity, String... updateFields) {
		return manager().save(entity, updateFields);
	}

	@Override
	public CompletableFuture<DeleteResult> delete(Object entity) {
		return manager().delete(entity);
	}

	@Override
	public CompletableFuture<Object> refresh(Object entity) {
		return manager().refresh(entity);
	}

	@Override
	public AsyncModelManager<Object> dbManager(String alias) {
		return manager().dbManager(alias);
	}

}
