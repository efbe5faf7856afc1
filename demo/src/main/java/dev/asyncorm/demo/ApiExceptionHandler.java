package dev.asyncorm.demo;

import dev.asyncorm.ObjectDoesNotExistException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns async-orm's {@link ObjectDoesNotExistException} into a 404 with a JSON body, and a
 * constraint violation into a 409. Spring MVC
 * unwraps the {@code CompletionException} of a failed {@code CompletableFuture} before it gets
 * here, and it matches {@code @ExceptionHandler} types against the causes of an exception too, so
 * the handler also answers when the exception arrives still wrapped.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	@ExceptionHandler(ObjectDoesNotExistException.class)
	ResponseEntity<ErrorView> notFound(ObjectDoesNotExistException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorView(String.valueOf(ex.getMessage())));
	}

	/** A change that breaks a constraint, such as adding a topping id that does not exist. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ErrorView> conflict(DataIntegrityViolationException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(new ErrorView("The change violates a database constraint (an unknown id?)."));
	}

	/** The body of an error response. */
	record ErrorView(String error) {
	}

}
