package dev.asyncorm;

import org.springframework.dao.EmptyResultDataAccessException;

/**
 * No row matched where one was required, Django's {@code Model.DoesNotExist}.
 *
 * @since 0.1.0
 */
public class ObjectDoesNotExistException extends EmptyResultDataAccessException {

	/**
	 * Creates the exception.
	 * @param message what was looked for, for example "Pizza matching query does not exist."
	 */
	public ObjectDoesNotExistException(String message) {
		super(message, 1);
	}

}
