package dev.asyncorm.execution;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Translates what JPA and Hibernate throw into Spring's {@link DataAccessException} hierarchy,
 * with the translator of the persistence unit (Hibernate's) when there is one.
 */
public final class PersistenceExceptions {

	private final @Nullable PersistenceExceptionTranslator translator;

	/**
	 * Creates the translation.
	 * @param translator the persistence unit's translator, or {@code null} for JPA's generic one
	 */
	public PersistenceExceptions(@Nullable PersistenceExceptionTranslator translator) {
		this.translator = translator;
	}

	/**
	 * Translates an exception where it is a persistence exception; returns others unchanged.
	 * @param ex the exception
	 * @return the translated exception, or {@code ex}
	 */
	public Throwable translate(Throwable ex) {
		if (!(ex instanceof RuntimeException runtime) || ex instanceof DataAccessException) {
			return ex;
		}
		DataAccessException translated = (this.translator != null) ? this.translator.translateExceptionIfPossible(runtime)
				: EntityManagerFactoryUtils.convertJpaAccessExceptionIfPossible(runtime);
		return (translated != null) ? translated : ex;
	}

}
