package dev.asyncorm;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Options of {@link AsyncQueryOperations#bulkCreate(List, BulkCreateOptions)}: Django's
 * {@code batch_size}, {@code ignore_conflicts} and {@code update_conflicts} with its
 * {@code update_fields} and {@code unique_fields}. Immutable: each method returns a copy.
 * <pre class="code">
 * pizzas.bulkCreate(menu, BulkCreateOptions.defaults()
 *     .batchSize(500)
 *     .updateConflicts(List.of("price"), List.of("name")));
 * </pre>
 * Misuse fails where the option is set, with {@link InvalidDataAccessApiUsageException} and
 * Django's words; field names are checked against the model when {@code bulkCreate} is called.
 *
 * @since 0.1.0
 */
public final class BulkCreateOptions {

	private static final BulkCreateOptions DEFAULTS = new BulkCreateOptions(null, false, List.of(), List.of());

	private final @Nullable Integer batchSize;

	private final boolean ignoreConflicts;

	private final List<String> updateFields;

	private final List<String> uniqueFields;

	private BulkCreateOptions(@Nullable Integer batchSize, boolean ignoreConflicts, List<String> updateFields,
			List<String> uniqueFields) {
		this.batchSize = batchSize;
		this.ignoreConflicts = ignoreConflicts;
		this.updateFields = updateFields;
		this.uniqueFields = uniqueFields;
	}

	/**
	 * Returns the defaults: batches sized by {@code async-orm.bulk.batch-size} and the database's
	 * parameter limit, and a conflicting row fails the whole call.
	 * @return the default options
	 */
	public static BulkCreateOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns a copy that inserts at most {@code batchSize} rows per statement (fewer when the
	 * database's bind-parameter limit requires it).
	 * @param batchSize the number of rows per {@code INSERT}
	 * @return a new options object
	 * @throws InvalidDataAccessApiUsageException if {@code batchSize} is not positive
	 */
	public BulkCreateOptions batchSize(int batchSize) {
		if (batchSize <= 0) {
			throw new InvalidDataAccessApiUsageException("Batch size must be a positive integer.");
		}
		return new BulkCreateOptions(batchSize, this.ignoreConflicts, this.updateFields, this.uniqueFields);
	}

	/**
	 * Returns a copy that skips rows violating a unique constraint instead of failing; other
	 * errors (a {@code NULL} in a {@code NOT NULL} column) still fail the call. The ids of the
	 * objects are then left unset: no database tells which rows it skipped. On H2, which has no
	 * {@code ON CONFLICT}, two rows of one call that conflict with each other still fail.
	 * @param ignoreConflicts whether conflicting rows are skipped
	 * @return a new options object
	 * @throws InvalidDataAccessApiUsageException if {@link #updateConflicts} is set too
	 */
	public BulkCreateOptions ignoreConflicts(boolean ignoreConflicts) {
		if (ignoreConflicts && isUpdateConflicts()) {
			throw mutuallyExclusive();
		}
		return new BulkCreateOptions(this.batchSize, ignoreConflicts, this.updateFields, this.uniqueFields);
	}

	/**
	 * Returns a copy that updates the existing row when a row violates a unique constraint (an
	 * "upsert"); the ids of the objects are set, to the existing row's id where it was updated.
	 * @param updateFields the fields written to the existing row
	 * @param uniqueFields the fields of the unique constraint that decides the conflict: required
	 * on PostgreSQL and H2; on MariaDB, whose {@code ON DUPLICATE KEY UPDATE} reacts to any unique
	 * key, they are checked but cannot narrow it
	 * @return a new options object
	 * @throws InvalidDataAccessApiUsageException if {@code updateFields} is empty, or
	 * {@link #ignoreConflicts} is set too
	 */
	public BulkCreateOptions updateConflicts(List<String> updateFields, List<String> uniqueFields) {
		if (this.ignoreConflicts) {
			throw mutuallyExclusive();
		}
		if (updateFields.isEmpty()) {
			throw new InvalidDataAccessApiUsageException(
					"Fields that will be updated when a row insertion fails on conflicts must be provided.");
		}
		return new BulkCreateOptions(this.batchSize, false, List.copyOf(updateFields), List.copyOf(uniqueFields));
	}

	/**
	 * Returns the number of rows per statement that was asked for.
	 * @return the batch size, or {@code null} for the default
	 */
	public @Nullable Integer getBatchSize() {
		return this.batchSize;
	}

	/**
	 * Returns whether conflicting rows are skipped.
	 * @return whether they are
	 */
	public boolean isIgnoreConflicts() {
		return this.ignoreConflicts;
	}

	/**
	 * Returns whether conflicting rows update the existing ones.
	 * @return whether they do
	 */
	public boolean isUpdateConflicts() {
		return !this.updateFields.isEmpty();
	}

	/**
	 * Returns the fields written to an existing row on a conflict.
	 * @return the fields, empty unless {@link #isUpdateConflicts()}
	 */
	public List<String> getUpdateFields() {
		return this.updateFields;
	}

	/**
	 * Returns the fields of the unique constraint that decides a conflict.
	 * @return the fields, possibly empty
	 */
	public List<String> getUniqueFields() {
		return this.uniqueFields;
	}

	private static InvalidDataAccessApiUsageException mutuallyExclusive() {
		return new InvalidDataAccessApiUsageException("ignoreConflicts and updateConflicts are mutually exclusive.");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof BulkCreateOptions that) && Objects.equals(this.batchSize, that.batchSize)
				&& this.ignoreConflicts == that.ignoreConflicts && this.updateFields.equals(that.updateFields)
				&& this.uniqueFields.equals(that.uniqueFields);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.batchSize, this.ignoreConflicts, this.updateFields, this.uniqueFields);
	}

	@Override
	public String toString() {
		return "BulkCreateOptions[batchSize=" + this.batchSize + ", ignoreConflicts=" + this.ignoreConflicts
				+ ", updateFields=" + this.updateFields + ", uniqueFields=" + this.uniqueFields + "]";
	}

}
