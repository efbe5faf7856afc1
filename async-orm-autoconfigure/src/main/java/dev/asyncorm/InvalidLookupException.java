package dev.asyncorm;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A field, transform or lookup name that the model does not have, reported when the query is
 * built, with the names it does have.
 *
 * @since 0.1.0
 */
public class InvalidLookupException extends InvalidDataAccessApiUsageException {

	/**
	 * Creates the exception.
	 * @param message what is wrong and the valid names
	 */
	public InvalidLookupException(String message) {
		super(message);
	}

}
