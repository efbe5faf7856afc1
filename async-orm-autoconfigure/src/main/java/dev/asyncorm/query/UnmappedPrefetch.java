package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Prefetches a relation that only the other entity maps ({@code story_set} of a
 * {@code Reporter}) into {@link PrefetchedRows}: one query per thousand owners,
 * {@code SELECT s, r.id FROM Story s JOIN s.reporter r WHERE r.id IN (...) ORDER BY s.id}. It
 * runs in a stateless session on the same connection, so that the members read are not linked
 * to the owner instances of the persistence context (which would keep them from being collected).
 *
 * @param <T> the owner's entity type
 */
final class UnmappedPrefetch<T> {

	private final ModelInfo<T> model;

	private final CriteriaQueries<T> queries;

	private final PrefetchedRows prefetched;

	UnmappedPrefetch(ModelInfo<T> model, CriteriaQueries<T> queries, PrefetchedRows prefetched) {
		this.model = model;
		this.queries = queries;
		this.prefetched = prefetched;
	}

	/** Reads the members of the rows' relation and records them for each row, in primary key order. */
	void prefetch(EntityManager em, QuerySpec<T> spec, List<T> rows, String relation, Hop hop) {
		Map<Object, List<Object>> members = new LinkedHashMap<>();
		rows.forEach((row) -> members.put(this.model.idOf(row), new ArrayList<>()));
		SessionFactoryImplementor factory = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class);
		em.unwrap(Session.class).doWork((connection) -> {
			try (StatelessSession session = factory.openStatelessSession(connection)) {
				for (List<Object> chunk : Batches.split(List.copyOf(members.keySet()), ModelRuntime.IN_CHUNK)) {
					read(session, spec, hop, chunk).forEach((row) -> members.get(row[1]).add(row[0]));
				}
			}
		});
		rows.forEach((row) -> this.prefetched.put(row, relation, members.get(this.model.idOf(row))));
	}

	private List<Object[]> read(StatelessSession session, QuerySpec<T> spec, Hop hop, List<Object> ownerIds) {
		CriteriaBuilder cb = session.getCriteriaBuilder();
		CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
		Root<?> member = query.from(hop.target().getJavaType());
		Join<?, ?> owner = member.join(hop.attribute());
		Path<Object> ownerId = owner.get(this.model.id().getName());
		query.multiselect(member, ownerId)
			.where(ownerId.in(ownerIds))
			.orderBy(cb.asc(member.get(PathResolver.idOf(hop.target()).getName())));
		return this.queries.timed(session.createQuery(query), spec).getResultList();
	}

}
