package dev.asyncorm;

import org.springframework.dao.IncorrectResultSizeDataAccessException;

/**
 * Several rows matched where one was required, Django's {@code MultipleObjectsReturned}.
 *
 * @since 0.1.0
 */
public class MultipleObjectsReturnedException extends IncorrectResultSizeDataAccessException {

	/**
	 * Creates the exception.
	 * @param message the message, for example "get() returned more than one Pizza -- it returned 2!"
	 * @param actualSize how many rows were read (at most 21)
	 */
	public MultipleObjectsReturnedException(String message, int actualSize) {
		super(message, 1, actualSize);
	}

}
