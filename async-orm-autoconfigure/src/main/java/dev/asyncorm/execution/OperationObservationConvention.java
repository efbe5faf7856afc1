package dev.asyncorm.execution;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of an operation {@code async.orm.operations}, the name of the timer it
 * gives, with the low-cardinality keys {@code repository}, {@code operation}, {@code database} and {@code outcome};
 * its span is named after the repository and the operation, {@code PizzaRepository.filter}.
 */
public class OperationObservationConvention implements ObservationConvention<OperationContext> {

	/** The name of the observation, and of the timer that Micrometer's meter handler makes of it. */
	public static final String NAME = "async.orm.operations";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(OperationContext context) {
		return context.getRepository() + "." + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OperationContext context) {
		return KeyValues.of("repository", context.getRepository(), "operation", context.getOperation(), "database",
				context.getDatabase(), "outcome", context.getOutcome().tagValue());
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof OperationContext;
	}

}
