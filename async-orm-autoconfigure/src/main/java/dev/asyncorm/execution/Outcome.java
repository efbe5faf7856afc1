package dev.asyncorm.execution;

import java.util.Locale;

/**
 * How an operation ended, the {@code outcome} tag of {@code async.orm.operations}.
 */
public enum Outcome {

	/** The future completed normally. */
	SUCCESS,

	/** The work failed. */
	ERROR,

	/** The executor's queue was full. */
	REJECTED,

	/** A statement ran out of time: the work failed with Spring's {@code QueryTimeoutException}. */
	TIMEOUT,

	/** The future was cancelled. */
	CANCELLED;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Returns the tag value.
	 * @return the lower-case name
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
