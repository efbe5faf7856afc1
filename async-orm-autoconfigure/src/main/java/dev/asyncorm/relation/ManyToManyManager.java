package dev.asyncorm.relation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.asyncorm.AsyncRelatedManager;
import dev.asyncorm.query.ScopedModel;
import jakarta.persistence.EntityManager;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A many-to-many related manager, from either side: every change is a few statements on the join
 * table, whatever the number of members. {@code add} reads which of the given ids are members
 * already and inserts the others in one statement; {@code set} deletes the join rows of the
 * members not kept, then adds.
 *
 * @param <R> the related entity type
 */
final class ManyToManyManager<R> extends AbstractRelatedManager<R> {

	private final JoinTableStatements joinTable;

	private final Function<JoinTableStatements, ScopedModel<R>> scopes;

	ManyToManyManager(RelationContext context, JoinTableStatements joinTable,
			Function<JoinTableStatements, ScopedModel<R>> scopes) {
		super(context, scopes.apply(joinTable));
		this.joinTable = joinTable;
		this.scopes = scopes;
	}

	@Override
	public CompletableFuture<Void> add(Collection<? extends R> objects, boolean bulk) {
		Set<Object> ids = this.context.idsOf(objects, "add", "save it first");
		this.context.allowed(objects, "add");
		return addIds(ids);
	}

	@Override
	public CompletableFuture<Void> addIds(Collection<?> ids) {
		Set<Object> targets = this.context.ids(ids);
		if (targets.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.context.write("add", (em) -> addMissing(em, targets));
	}

	@Override
	public CompletableFuture<Void> removeIds(Collection<?> ids) {
		Set<Object> targets = this.context.ids(ids);
		if (targets.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.context.write("remove", (em) -> this.joinTable.delete(em, this.context.ownerId, targets));
	}

	@Override
	public CompletableFuture<Void> clear() {
		return this.context.write("clear", (em) -> this.joinTable.deleteAll(em, this.context.ownerId));
	}

	@Override
	CompletableFuture<Void> setIds(Set<Object> targets, boolean clear) {
		return this.context.write("set", (em) -> {
			if (clear) {
				this.joinTable.deleteAll(em, this.context.ownerId);
			}
			else {
				this.joinTable.deleteAllExcept(em, this.context.ownerId, targets);
			}
			if (!targets.isEmpty()) {
				addMissing(em, targets);
			}
		});
	}

	@Override
	public AsyncRelatedManager<R> through(Map<String, ?> defaults) {
		if (defaults.isEmpty()) {
			return this;
		}
		ThroughEntity through = this.joinTable.table().through();
		if (through == null) {
			throw new InvalidDataAccessApiUsageException("'" + this.context.relation.name() + "' is a plain join table "
					+ "without a join entity: through defaults " + defaults.keySet() + " have no columns to go to.");
		}
		JoinTableStatements withDefaults = new JoinTableStatements(this.joinTable.table(), through.columns(defaults));
		return new ManyToManyManager<>(this.context, withDefaults, this.scopes);
	}

	/** Inserts the join rows of the ids that are not members yet: Django's add is idempotent. */
	private void addMissing(EntityManager em, Set<Object> targets) {
		Set<Object> missing = new LinkedHashSet<>(targets);
		this.joinTable.members(em, this.context.ownerId, targets)
			.forEach((member) -> missing.remove(this.context.normalize(member)));
		if (!missing.isEmpty()) {
			this.joinTable.insert(em, this.context.ownerId, missing);
		}
	}

}
