package dev.asyncorm;

import java.util.List;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Options of {@link AsyncQueryOperations#selectForUpdate(SelectForUpdateOptions)}: Django's
 * {@code select_for_update(nowait, skip_locked, of, no_key)}. Immutable: each method returns a
 * copy.
 * <pre class="code">
 * pizzas.selectRelated("box")
 *     .selectForUpdate(SelectForUpdateOptions.defaults().of("self").noKey(true))
 *     .list();
 * </pre>
 * As in Django, {@code noKey} and {@code of} are PostgreSQL's: on another database the read
 * fails with {@link InvalidDataAccessApiUsageException} and Django's message. Names given to
 * {@link #of} are checked against the relations the queryset follows when it is read.
 *
 * @since 0.1.0
 */
public final class SelectForUpdateOptions {

	private static final SelectForUpdateOptions DEFAULTS = new SelectForUpdateOptions(false, false, false, List.of());

	private final boolean nowait;

	private final boolean skipLocked;

	private final boolean noKey;

	private final List<String> of;

	private SelectForUpdateOptions(boolean nowait, boolean skipLocked, boolean noKey, List<String> of) {
		this.nowait = nowait;
		this.skipLocked = skipLocked;
		this.noKey = noKey;
		this.of = of;
	}

	/**
	 * Returns the defaults: {@code FOR UPDATE} of the rows read, waiting for rows another
	 * transaction holds.
	 * @return the default options
	 */
	public static SelectForUpdateOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy that fails at once when a row is locked ({@code NOWAIT}), with
	 * {@link org.springframework.dao.PessimisticLockingFailureException}.
	 * @param nowait whether to fail at once on a locked row
	 * @return a new options object
	 * @throws InvalidDataAccessApiUsageException if {@link #skipLocked} is set too
	 */
	public SelectForUpdateOptions nowait(boolean nowait) {
		if (nowait && this.skipLocked) {
			throw exclusive();
		}
		return new SelectForUpdateOptions(nowait, this.skipLocked, this.noKey, this.of);
	}

	/**
	 * Returns a copy that leaves locked rows out ({@code SKIP LOCKED}).
	 * @param skipLocked whether to skip the locked rows
	 * @return a new options object
	 * @throws InvalidDataAccessApiUsageException if {@link #nowait} is set too
	 */
	public SelectForUpdateOptions skipLocked(boolean skipLocked) {
		if (skipLocked && this.nowait) {
			throw exclusive();
		}
		return new SelectForUpdateOptions(this.nowait, skipLocked, this.noKey, this.of);
	}

	/**
	 * Returns a copy that takes the weaker {@code FOR NO KEY UPDATE} lock of PostgreSQL, which
	 * lets other transactions insert rows referring to the locked ones.
	 * @param noKey whether to lock with {@code FOR NO KEY UPDATE}
	 * @return a new options object
	 */
	public SelectForUpdateOptions noKey(boolean noKey) {
		return new SelectForUpdateOptions(this.nowait, this.skipLocked, noKey, this.of);
	}

	/**
	 * Returns a copy that locks only the rows of these tables ({@code FOR UPDATE OF}):
	 * {@code "self"} for the queryset's model, or a relation it follows with
	 * {@code selectRelated}, such as {@code "box"} or {@code "box__maker"}.
	 * @param relations {@code "self"} and relation paths
	 * @return a new options object
	 */
	public SelectForUpdateOptions of(String... relations) {
		return new SelectForUpdateOptions(this.nowait, this.skipLocked, this.noKey, List.of(relations));
	}

	/**
	 * Returns whether a locked row fails the read at once.
	 * @return whether {@code NOWAIT} is set
	 */
	public boolean isNowait() {
		return this.nowait;
	}

	/**
	 * Returns whether locked rows are left out.
	 * @return whether {@code SKIP LOCKED} is set
	 */
	public boolean isSkipLocked() {
		return this.skipLocked;
	}

	/**
	 * Returns whether the lock is PostgreSQL's {@code FOR NO KEY UPDATE}.
	 * @return whether {@code noKey} is set
	 */
	public boolean isNoKey() {
		return this.noKey;
	}

	/**
	 * Returns the tables locked, as {@code "self"} and relation paths; empty for every table read.
	 * @return the names given to {@link #of}
	 */
	public List<String> getOf() {
		return this.of;
	}

	private static InvalidDataAccessApiUsageException exclusive() {
		return new InvalidDataAccessApiUsageException("The nowait option cannot be used with skipLocked.");
	}

}
