package dev.asyncorm.query;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.asyncorm.InvalidLookupException;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;

/**
 * Which fields a queryset reads its entities with, Django's deferred loading: every field but
 * {@code names} ({@code defer}), or only {@code names} ({@code only}). The id is always read.
 * {@link #only} and {@link #defer} combine as Django's {@code add_immediate_loading} and
 * {@code add_deferred_loading} do. A name may reach across to-one relations ({@code box__name}):
 * it says which fields of the related row a {@code selectRelated} join reads, as Django's
 * {@code get_select_mask} does, and {@link #related} gives that row's loading.
 *
 * @param names the attribute names deferred, or the only ones loaded; paths across relations
 * joined by {@code __}
 * @param defer whether {@code names} are deferred rather than the only ones loaded
 */
record DeferredLoading(Set<String> names, boolean defer) {

	/** Every field is loaded. */
	static final DeferredLoading NONE = new DeferredLoading(Set.of(), true);

	DeferredLoading {
		names = Set.copyOf(names);
	}

	/** Whether some field is left unloaded. */
	boolean isPartial() {
		return !this.defer || !this.names.isEmpty();
	}

	/** Loads only these fields; after {@code defer()}, those of them not deferred. */
	DeferredLoading only(Collection<String> fields) {
		Set<String> loaded = new HashSet<>(fields);
		if (this.defer) {
			loaded.removeAll(this.names);
		}
		return new DeferredLoading(loaded, false);
	}

	/** Defers these fields too; after {@code only()}, removes them from the fields loaded. */
	DeferredLoading defer(Collection<String> fields) {
		if (this.defer) {
			Set<String> deferred = new HashSet<>(this.names);
			deferred.addAll(fields);
			return new DeferredLoading(deferred, true);
		}
		Set<String> loaded = new HashSet<>(this.names);
		loaded.removeAll(fields);
		if (!loaded.isEmpty()) {
			return new DeferredLoading(loaded, false);
		}
		Set<String> deferred = new HashSet<>(fields);
		deferred.removeAll(this.names);
		return new DeferredLoading(deferred, true);
	}

	/** Loads these fields too, whatever was deferred. */
	DeferredLoading including(Collection<String> fields) {
		Set<String> names = new HashSet<>(this.names);
		if (this.defer) {
			names.removeAll(fields);
		}
		else {
			names.addAll(fields);
		}
		return new DeferredLoading(names, this.defer);
	}

	/**
	 * Whether an attribute is read: with {@code only()}, a relation named by a path across it is
	 * read; with {@code defer()}, such a path defers a field of the related row, not the relation.
	 */
	boolean loads(String name) {
		return this.defer ? !this.names.contains(name) || !spanned(name).isEmpty()
				: this.names.contains(name) || !spanned(name).isEmpty();
	}

	/**
	 * The loading of the row a relation joins: the fields that paths across it name, else every
	 * field ({@code only("box")} reads the whole box, as Django's empty mask does).
	 */
	DeferredLoading related(String relation) {
		Set<String> fields = spanned(relation);
		return fields.isEmpty() ? NONE : new DeferredLoading(fields, this.defer);
	}

	/**
	 * Checks that every relation {@code selectRelated} follows is read, at each step of its chain,
	 * as Django's {@code select_related_descend} does.
	 * @param root the entity the chains start from
	 * @param chains the followed relations, each a chain of attribute names
	 * @throws InvalidLookupException with Django's message for a relation both deferred and followed
	 */
	void requireTraversable(EntityType<?> root, List<List<String>> chains) {
		for (List<String> chain : chains) {
			DeferredLoading loading = this;
			EntityType<?> type = root;
			for (String name : chain) {
				if (!loading.loads(name)) {
					throw new InvalidLookupException("Field " + type.getName() + "." + name
							+ " cannot be both deferred and traversed using selectRelated at the same time.");
				}
				loading = loading.related(name);
				type = (EntityType<?>) ((SingularAttribute<?, ?>) type.getAttribute(name)).getType();
			}
		}
	}

	/** The rest of each name that is a path across this relation. */
	private Set<String> spanned(String relation) {
		String prefix = relation + "__";
		Set<String> fields = new HashSet<>();
		for (String name : this.names) {
			if (name.startsWith(prefix)) {
				fields.add(name.substring(prefix.length()));
			}
		}
		return fields;
	}

}
