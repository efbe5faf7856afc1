package dev.asyncorm.it;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.persistence.EntityManager;

/**
 * The integration suite's base: one application context on the database of the active Maven
 * profile. Each test starts from empty tables; async operations run on executor threads, so no
 * test-managed transaction wraps the tests.
 */
@SpringBootTest(classes = TestApplication.class)
public abstract class AbstractIntegrationTests {

	@Autowired
	protected JdbcRecorder recorder;

	@Autowired
	protected EntityManager entityManager;

	@Autowired
	protected TransactionTemplate transactionTemplate;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase.current().properties().forEach((key, value) -> registry.add(key, () -> value));
	}

	protected static TestDatabase database() {
		return TestDatabase.current();
	}

	@BeforeEach
	void emptyTables() {
		this.transactionTemplate.executeWithoutResult((status) -> {
			for (String joinTable : new String[] { "pizza_toppings", "paper_publications", "membership" }) {
				this.entityManager.createNativeQuery("delete from " + joinTable).executeUpdate();
			}
			for (String entity : new String[] { "Memo", "Book", "Author", "Article", "Tag", "Pizza", "Topping", "Box", "Story",
					"Reporter", "Paper", "Publication", "Club", "Person", "StockItem" }) {
				this.entityManager.createQuery("delete from " + entity).executeUpdate();
			}
		});
	}

	/**
	 * Hibernate's statistics, cleared and counting until the test ends.
	 * @return the statistics
	 */
	protected Statistics hibernateStatistics() {
		Statistics statistics = this.entityManager.getEntityManagerFactory().unwrap(SessionFactory.class).getStatistics();
		statistics.setStatisticsEnabled(true);
		statistics.clear();
		return statistics;
	}

	@AfterEach
	void stopStatistics() {
		this.entityManager.getEntityManagerFactory().unwrap(SessionFactory.class).getStatistics()
			.setStatisticsEnabled(false);
	}

	protected <T> T persist(T entity) {
		this.transactionTemplate.executeWithoutResult((status) -> this.entityManager.persist(entity));
		return entity;
	}

}
