package dev.asyncorm.execution;

import java.util.Map;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The thread-local context of the thread that requests an operation, carried onto the executor
 * thread that runs it: every value Micrometer Context Propagation has an accessor for (the
 * current observation, Spring Security's {@code SecurityContext}, …) and the MDC. The executor
 * thread gets its own values back when the task ends.
 */
final class CallerContext {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private final ContextSnapshot snapshot;

	private final @Nullable Map<String, String> mdc;

	private CallerContext(ContextSnapshot snapshot, @Nullable Map<String, String> mdc) {
		this.snapshot = snapshot;
		this.mdc = mdc;
	}

	/**
	 * Captures the context of the current thread.
	 * @return the context
	 */
	static CallerContext capture() {
		return new CallerContext(SNAPSHOTS.captureAll(), MDC.getCopyOfContextMap());
	}

	/**
	 * Runs a task with this context, then puts the thread's own back.
	 * @param task the task
	 */
	void run(Runnable task) {
		Map<String, String> own = MDC.getCopyOfContextMap();
		setMdc(this.mdc);
		try (ContextSnapshot.Scope scope = this.snapshot.setThreadLocals()) {
			task.run();
		}
		finally {
			setMdc(own);
		}
	}

	private static void setMdc(@Nullable Map<String, String> values) {
		if (values == null) {
			MDC.clear();
		}
		else {
			MDC.setContextMap(values);
		}
	}

}
