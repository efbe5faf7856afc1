package dev.asyncorm.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * Records every statement (its SQL and the thread that ran it) and every transaction boundary
 * (commit, rollback, switching auto-commit off) sent through the pool.
 */
public class JdbcRecorder implements QueryExecutionListener, MethodExecutionListener {

	public record Statement(String sql, String thread) {
	}

	private final List<Statement> statements = new CopyOnWriteArrayList<>();

	private final List<String> transactionEvents = new CopyOnWriteArrayList<>();

	private final List<Integer> queryTimeouts = new CopyOnWriteArrayList<>();

	public void reset() {
		this.statements.clear();
		this.transactionEvents.clear();
		this.queryTimeouts.clear();
	}

	/** The seconds given to every {@code Statement.setQueryTimeout} call. */
	public List<Integer> queryTimeouts() {
		return List.copyOf(this.queryTimeouts);
	}

	public List<Statement> statements() {
		return List.copyOf(this.statements);
	}

	public List<String> sql() {
		return this.statements.stream().map(Statement::sql).toList();
	}

	/** "begin" for auto-commit switched off, "commit", "rollback". */
	public List<String> transactionEvents() {
		return List.copyOf(this.transactionEvents);
	}

	@Override
	public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
	}

	@Override
	public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
		String thread = Thread.currentThread().getName();
		queryInfoList.forEach((query) -> this.statements.add(new Statement(query.getQuery(), thread)));
	}

	@Override
	public void beforeMethod(MethodExecutionContext context) {
	}

	@Override
	public void afterMethod(MethodExecutionContext context) {
		String name = context.getMethod().getName();
		if (name.equals("commit") || name.equals("rollback")) {
			this.transactionEvents.add(name);
		}
		else if (name.equals("setAutoCommit") && Boolean.FALSE.equals(context.getMethodArgs()[0])) {
			this.transactionEvents.add("begin");
		}
		else if (name.equals("setQueryTimeout")) {
			this.queryTimeouts.add((Integer) context.getMethodArgs()[0]);
		}
	}

}
