package dev.asyncorm.query;

import java.sql.Connection;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * Asks the database for the plan of the statement a read sends: the read runs in its own
 * Hibernate session on an {@link ExplainingConnection}, so the plan is of the real SQL with its
 * bound parameters. The connection is the current transaction's inside one, else in autocommit.
 */
final class Explainer {

	private final SessionFactory sessionFactory;

	private final DataSource dataSource;

	Explainer(EntityManagerFactory entityManagerFactory) {
		this.sessionFactory = entityManagerFactory.unwrap(SessionFactory.class);
		this.dataSource = dataSource(entityManagerFactory);
	}

	/** The data source of Spring's transactions, else the one Hibernate connects with. */
	private static DataSource dataSource(EntityManagerFactory entityManagerFactory) {
		if (entityManagerFactory instanceof EntityManagerFactoryInfo info && info.getDataSource() != null) {
			return info.getDataSource();
		}
		return entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getServiceRegistry()
			.requireService(ConnectionProvider.class)
			.unwrap(DataSource.class);
	}

	/**
	 * Runs a read and returns the plan of its statements instead of their rows.
	 * @param read the read, given an entity manager whose queries return no rows
	 * @return the plan, Django's text
	 */
	String explain(Consumer<EntityManager> read) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			ExplainingConnection explaining = new ExplainingConnection(connection);
			try (Session session = this.sessionFactory.withOptions().connection(explaining.connection()).openSession()) {
				// Hibernate runs a locking query only in a transaction of its session; the connection
				// ignores this one, which stays the owner's (autocommit, or AsyncOrm.atomic's).
				Transaction transaction = session.beginTransaction();
				try {
					read.accept(session);
				}
				finally {
					transaction.rollback();
				}
			}
			return explaining.plan();
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

}
