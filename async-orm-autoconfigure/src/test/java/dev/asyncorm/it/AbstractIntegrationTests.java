package dev.asyncorm.it;

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
			for (String entity : new String[] { "Book", "Author", "Article", "Tag", "Pizza", "Topping", "Box", "Story",
					"Reporter", "Paper", "Publication", "Club", "Person", "StockItem", "Memo" }) {
				this.entityManager.createQuery("delete from " + entity).executeUpdate();
			}
		});
	}

	protected <T> T persist(T entity) {
		this.transactionTemplate.executeWithoutResult((status) -> this.entityManager.persist(entity));
		return entity;
	}

}
