package dev.asyncorm.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaDelete;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Root;
import org.hibernate.type.EntityType;
import org.jspecify.annotations.Nullable;

/**
 * Deletes rows with every row that goes with them along a {@link CascadeModel} graph, as Django's
 * collector does: first reads the keys of the rows to delete, one {@code SELECT} per relation,
 * then deletes children before parents, one {@code DELETE} per model (per chunk of
 * {@value ModelRuntime#IN_CHUNK} keys), counting each with the {@link DeletionCounter}. A child
 * model with no relations of its own is deleted by its key without being read (Django's fast delete).
 */
final class CascadeDeletion {

	private final EntityManager em;

	private final UnaryOperator<Query> timed;

	private final Map<CascadeModel, Set<Object>> collected = new HashMap<>();

	private final List<Runnable> steps = new ArrayList<>();

	/**
	 * @param em the entity manager of the current transaction
	 * @param timed sets the statement timeout of each query
	 */
	CascadeDeletion(EntityManager em, UnaryOperator<Query> timed) {
		this.em = em;
		this.timed = timed;
	}

	/** Deletes these rows of the model and those that go with them. */
	void delete(CascadeModel model, Collection<?> ids) {
		collect(model, ids);
		this.steps.forEach(Runnable::run);
	}

	private void collect(CascadeModel model, Collection<?> ids) {
		Set<Object> seen = this.collected.computeIfAbsent(model, (key) -> new HashSet<>());
		List<Object> fresh = ids.stream().filter(seen::add).map(Object.class::cast).toList();
		if (fresh.isEmpty()) {
			return;
		}
		List<List<Object>> owned = model.after.stream().map((edge) -> ownedIds(model, edge, fresh)).toList();
		for (CascadeModel.Edge edge : model.before) {
			if (edge.target().isLeaf()) {
				this.steps.add(() -> deleteWhere(edge.target(), edge.attribute(), fresh));
			}
			else {
				collect(edge.target(), childIds(edge, fresh));
			}
		}
		this.steps.add(() -> {
			Batches.split(fresh, ModelRuntime.IN_CHUNK).forEach((chunk) -> model.joinRows.delete(this.em, chunk, this.timed));
			deleteWhere(model, null, fresh);
		});
		for (int i = 0; i < model.after.size(); i++) {
			collect(model.after.get(i).target(), owned.get(i));
		}
	}

	/** The ids of the rows of {@code edge.target()} that reference these parents. */
	private List<Object> childIds(CascadeModel.Edge edge, List<Object> parents) {
		CascadeModel child = edge.target();
		return select(child, child.idName(), edge.attribute(), parents);
	}

	/** The ids of the rows these rows of {@code model} reference through the {@code edge}. */
	private List<Object> ownedIds(CascadeModel model, CascadeModel.Edge edge, List<Object> ids) {
		return select(model, edge.attribute(), null, ids).stream().filter(Objects::nonNull).toList();
	}

	/** {@code SELECT selected FROM model WHERE key IN (ids)}, per chunk; a {@code null} key means the id. */
	private List<Object> select(CascadeModel model, String selected, @Nullable String key, List<Object> ids) {
		List<Object> found = new ArrayList<>();
		for (List<Object> chunk : Batches.split(ids, ModelRuntime.IN_CHUNK)) {
			CriteriaBuilder cb = this.em.getCriteriaBuilder();
			CriteriaQuery<Object> query = cb.createQuery(Object.class);
			Root<?> root = query.from(model.javaType());
			query.select(selected.equals(model.idName()) ? root.get(selected) : key(model, root, selected));
			query.where(key(model, root, key).in(chunk));
			found.addAll(this.timed.apply(this.em.createQuery(query)).getResultList());
		}
		return found;
	}

	/** {@code DELETE FROM model WHERE key IN (ids)}, per chunk, counted; a {@code null} key means the id. */
	private void deleteWhere(CascadeModel model, @Nullable String key, List<Object> ids) {
		for (List<Object> chunk : Batches.split(ids, ModelRuntime.IN_CHUNK)) {
			deleteChunk(model, key, chunk);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void deleteChunk(CascadeModel model, @Nullable String key, List<Object> ids) {
		CriteriaBuilder cb = this.em.getCriteriaBuilder();
		CriteriaDelete delete = cb.createCriteriaDelete(model.javaType());
		Root<?> root = delete.from(model.javaType());
		delete.where(key(model, root, key).in(ids));
		DeletionCounter.add(model.name(), this.timed.apply(this.em.createQuery(delete)).executeUpdate());
	}

	/** The column compared: the id, or the key of a to-one attribute ({@code story.reporter.id}). */
	private static Path<Object> key(CascadeModel model, Root<?> root, @Nullable String attribute) {
		if (attribute == null) {
			return root.get(model.idName());
		}
		return root.get(attribute).get(idOf(model, attribute));
	}

	private static String idOf(CascadeModel model, String toOne) {
		String target = ((EntityType) model.persister.getPropertyType(toOne)).getAssociatedEntityName();
		return model.persister.getFactory().getMappingMetamodel().getEntityDescriptor(target).getIdentifierPropertyName();
	}

}
