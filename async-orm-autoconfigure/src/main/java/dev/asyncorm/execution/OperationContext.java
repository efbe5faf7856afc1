package dev.asyncorm.execution;

import io.micrometer.observation.Observation;

/**
 * What an observation of an operation knows: the repository, the operation, the database it runs
 * on, and how it ended.
 */
public final class OperationContext extends Observation.Context {

	private final String repository;

	private final String operation;

	private final String database;

	private Outcome outcome = Outcome.SUCCESS;

	/**
	 * Creates the context of one operation.
	 * @param repository the repository's simple name
	 * @param operation the operation, for example {@code get}
	 * @param database the alias of the database it runs on
	 */
	public OperationContext(String repository, String operation, String database) {
		this.repository = repository;
		this.operation = operation;
		this.database = database;
	}

	/**
	 * The repository.
	 * @return its simple name
	 */
	public String getRepository() {
		return this.repository;
	}

	/**
	 * The operation.
	 * @return its name, for example {@code get}
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * The database the operation runs on.
	 * @return its alias, {@code default} for the application's own data source
	 */
	public String getDatabase() {
		return this.database;
	}

	/**
	 * How the operation ended; {@link Outcome#SUCCESS} until it ends otherwise.
	 * @return the outcome
	 */
	public Outcome getOutcome() {
		return this.outcome;
	}

	void setOutcome(Outcome outcome) {
		this.outcome = outcome;
	}

}
