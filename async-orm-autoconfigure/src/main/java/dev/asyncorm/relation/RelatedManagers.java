package dev.asyncorm.relation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.execution.JpaAccess;
import dev.asyncorm.execution.OperationDispatcher;
import dev.asyncorm.execution.Route;
import dev.asyncorm.query.EntityAttributes;
import dev.asyncorm.query.ModelManagers;
import dev.asyncorm.query.QueryScope;
import dev.asyncorm.query.ScopedModel;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Makes the related managers of {@code AsyncModelRepository.related(owner, relation)} and reads
 * {@code relatedObject(owner, relation)}. Relations are resolved once per owner type and name.
 */
public final class RelatedManagers {

	private final JpaAccess jpa;

	private final OperationDispatcher dispatcher;

	private final ModelManagers managers;

	private final RelationResolver resolver;

	private final ConcurrentMap<RelationKey, Relation> relations = new ConcurrentHashMap<>();

	/**
	 * Creates the factory.
	 * @param jpa the persistence unit and its transactions
	 * @param dispatcher the dispatcher relation changes run on
	 * @param managers the model managers, for the members' querysets
	 */
	public RelatedManagers(JpaAccess jpa, OperationDispatcher dispatcher, ModelManagers managers) {
		this.jpa = jpa;
		this.dispatcher = dispatcher;
		this.managers = managers;
		this.resolver = new RelationResolver(jpa.entityManagerFactory());
	}

	/**
	 * Returns the related manager of one of the owner's relations. Does no I/O.
	 * @param repositoryInterface the owner's repository, whose name tags the metrics
	 * @param ownerType the repository's entity type
	 * @param owner the owner, with its id set
	 * @param name the relation's name
	 * @param <R> the related entity type
	 * @return the manager
	 */
	@SuppressWarnings("unchecked")
	public <R> AsyncRelatedManager<R> related(Class<?> repositoryInterface, Class<?> ownerType, Object owner,
			String name) {
		Object ownerId = ownerId(ownerType, owner, name);
		Relation relation = this.relations.computeIfAbsent(new RelationKey(ownerType, name),
				(key) -> this.resolver.resolve(ownerType, name));
		Class<R> targetType = (Class<R>) relation.targetType();
		EntityType<R> target = this.jpa.entityManagerFactory().getMetamodel().entity(targetType);
		RelationContext context = new RelationContext(relation, owner, ownerId, this.jpa, this.dispatcher,
				repositoryInterface.getSimpleName(), target.getIdType().getJavaType(), this.managers.prefetched(owner, name));
		if (relation instanceof Relation.ManyToMany manyToMany) {
			return new ManyToManyManager<>(context, new JoinTableStatements(manyToMany.joinTable(), Map.of()),
					(joinTable) -> scoped(repositoryInterface, relation, owner, ownerId, joinRowLinker(context, joinTable)));
		}
		Relation.ReverseForeignKey reverse = (Relation.ReverseForeignKey) relation;
		Attribute<? super R, ?> foreignKey = target.getAttribute(reverse.foreignKey());
		QueryScope.Linker<R> linker = new QueryScope.Linker<>() {

			@Override
			public void beforeInsert(R entity) {
				EntityAttributes.set(entity, foreignKey, owner);
			}

			@Override
			public void afterInsert(EntityManager em, R entity) {
			}

		};
		return new ReverseForeignKeyManager<>(context, scoped(repositoryInterface, relation, owner, ownerId, linker),
				foreignKey);
	}

	/**
	 * Reads the object of a forward to-one relation with one {@code SELECT}.
	 * @param repositoryInterface the owner's repository, whose name tags the metrics
	 * @param ownerType the repository's entity type
	 * @param owner the owner, with its id set
	 * @param name the to-one attribute's name
	 * @param <R> the related entity type
	 * @return a future of the related object, empty when the key is null
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public <R> CompletableFuture<Optional<R>> relatedObject(Class<?> repositoryInterface, Class<?> ownerType,
			Object owner, String name) {
		Object ownerId = ownerId(ownerType, owner, name);
		SingularAttribute<?, ?> attribute = this.resolver.toOne(ownerType, name);
		EntityType<?> ownerEntity = this.jpa.entityManagerFactory().getMetamodel().entity(ownerType);
		String idName = ownerEntity.getId(ownerEntity.getIdType().getJavaType()).getName();
		Route route = Route.read(ownerType, null).about(owner);
		return this.dispatcher.submit(route, repositoryInterface.getSimpleName(), name + ".get", () -> this.jpa.read((em) -> {
			CriteriaBuilder cb = em.getCriteriaBuilder();
			CriteriaQuery<Object> query = cb.createQuery(Object.class);
			Root root = query.from(ownerType);
			query.select(root.join(attribute.getName(), JoinType.LEFT)).where(cb.equal(root.get(idName), ownerId));
			List<Object> rows = em.createQuery(query).getResultList();
			if (rows.isEmpty()) {
				throw new ObjectDoesNotExistException(ownerEntity.getName() + " matching query does not exist.");
			}
			return Optional.ofNullable((R) rows.get(0));
		}));
	}

	/** Relates a row created through a many-to-many related manager with one join-table insert. */
	private static <R> QueryScope.Linker<R> joinRowLinker(RelationContext context, JoinTableStatements joinTable) {
		return new QueryScope.Linker<>() {

			@Override
			public void beforeInsert(R entity) {
			}

			@Override
			public void afterInsert(EntityManager em, R entity) {
				em.flush();
				joinTable.insert(em, context.ownerId, List.of(context.normalize(context.idOf(entity))));
			}

		};
	}

	private <R> ScopedModel<R> scoped(Class<?> repositoryInterface, Relation relation, Object owner, Object ownerId,
			QueryScope.Linker<R> linker) {
		@SuppressWarnings("unchecked")
		Class<R> targetType = (Class<R>) relation.targetType();
		return this.managers.scoped(repositoryInterface, targetType,
				new QueryScope<>(relation.name(), relation.members(ownerId), linker, owner));
	}

	private Object ownerId(Class<?> ownerType, Object owner, String relation) {
		if (!ownerType.isInstance(owner)) {
			throw new InvalidDataAccessApiUsageException("'" + ownerType.getSimpleName() + "' instance expected as the "
					+ "owner of '" + relation + "', got " + owner.getClass().getSimpleName() + ".");
		}
		Object id = this.jpa.entityManagerFactory().getPersistenceUnitUtil().getIdentifier(owner);
		if (id == null) {
			throw new InvalidDataAccessApiUsageException(ownerType.getSimpleName() + " instance needs a primary key "
					+ "value before its relation '" + relation + "' can be used: save it first.");
		}
		return id;
	}

	private record RelationKey(Class<?> ownerType, String name) {
	}

}
