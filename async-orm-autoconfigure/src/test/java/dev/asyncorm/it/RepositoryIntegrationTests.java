package dev.asyncorm.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ExecutionException;

import dev.asyncorm.AsyncOrm;
import dev.asyncorm.ObjectDoesNotExistException;
import dev.asyncorm.autoconfigure.AsyncOrmAutoConfiguration;
import dev.asyncorm.execution.VirtualThreadOperationExecutor;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactoryBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repository discovery, derived query methods on the executor, coexistence with plain Spring Data
 * JPA repositories, AsyncOrm, and the metrics the operations record.
 */
class RepositoryIntegrationTests extends AbstractIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private TagRepository tags;

	@Autowired
	private BookJpaRepository books;

	@Autowired
	private AsyncOrm asyncOrm;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private ApplicationContext context;

	private Article seed(String headline, int rating) {
		return persist(new Article(headline, null, LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0), rating));
	}

	@Test
	void asyncAndPlainRepositoriesAreBothSpringDataRepositories() {
		assertThat(this.context.getBeansOfType(JpaRepositoryFactoryBean.class)).containsKeys("&articleRepository",
				"&tagRepository", "&authorRepository", "&bookJpaRepository");
		Author author = persist(new Author("Austen"));
		this.books.save(new Book("Emma", author));
		assertThat(this.books.findByTitle("Emma")).hasSize(1);
		assertThat(this.books.count()).isEqualTo(1);
	}

	@Test
	void bootKeepsItsApplicationTaskExecutorBesideOurs() {
		assertThat(this.context.containsBean("applicationTaskExecutor")).isTrue();
		// Virtual threads when the suite runs with spring.threads.virtual.enabled on Java 21+.
		Class<?> expected = Threading.VIRTUAL.isActive(this.context.getEnvironment())
				? VirtualThreadOperationExecutor.class : ThreadPoolTaskExecutor.class;
		assertThat(this.context.getBean(AsyncOrmAutoConfiguration.EXECUTOR_BEAN_NAME)).isInstanceOf(expected)
			.isNotSameAs(this.context.getBean("applicationTaskExecutor"));
	}

	@Test
	void derivedQueriesRunOnTheExecutor() {
		seed("Hello one", 1);
		seed("Hello two", 2);
		seed("Other", 3);
		this.recorder.reset();
		assertThat(this.articles.findByHeadlineStartingWithOrderByIdAsc("Hello")).succeedsWithin(TIMEOUT)
			.extracting((rows) -> rows.stream().map(Article::getHeadline).toList())
			.isEqualTo(List.of("Hello one", "Hello two"));
		assertThat(this.recorder.statements()).singleElement()
			.satisfies((statement) -> assertThat(statement.thread()).startsWith("async-orm-"));
		assertThat(this.articles.ratedAbove(1)).succeedsWithin(TIMEOUT)
			.extracting((rows) -> rows.stream().map(Article::getHeadline).toList())
			.isEqualTo(List.of("Hello two", "Other"));
	}

	@Test
	void modifyingQueriesRunInTheirTransactionOnTheExecutor() {
		Article article = seed("Rated", 1);
		this.recorder.reset();
		assertThat(this.articles.setRating(article.getId(), 4)).succeedsWithin(TIMEOUT).isEqualTo(1);
		assertThat(this.recorder.statements()).singleElement()
			.satisfies((statement) -> assertThat(statement.thread()).startsWith("async-orm-"));
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
		assertThat(this.articles.get("pk", article.getId()).join().getRating()).isEqualTo(4);
	}

	@Test
	void atomicRunsSeveralOperationsInOneTransactionInline() {
		this.recorder.reset();
		Long count = this.asyncOrm.atomic(() -> {
			this.tags.create(new Tag("first")).join();
			this.tags.create(new Tag("second")).join();
			return this.tags.count().join();
		}).join();
		assertThat(count).isEqualTo(2L);
		assertThat(this.recorder.transactionEvents()).containsExactly("begin", "commit");
	}

	@Test
	void atomicRollsBackOnFailure() {
		assertThat(this.asyncOrm.atomic(() -> {
			this.tags.create(new Tag("rolled back")).join();
			return this.tags.get("name", "missing").join();
		})).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class);
		assertThat(this.tags.count()).succeedsWithin(TIMEOUT).isEqualTo(0L);
	}

	@Test
	void operationsAreTimedWithRepositoryOperationAndOutcome() {
		seed("Timed", 1);
		this.articles.get("headline", "Timed").join();
		assertThat(this.articles.get("headline", "Missing")).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(ObjectDoesNotExistException.class);
		assertThat(this.meterRegistry.get("async.orm.operations")
			.tags("repository", "ArticleRepository", "operation", "get", "outcome", "success")
			.timer()
			.count()).isPositive();
		assertThat(this.meterRegistry.get("async.orm.operations")
			.tags("repository", "ArticleRepository", "operation", "get", "outcome", "error")
			.timer()
			.count()).isPositive();
		this.articles.findByHeadlineStartingWithOrderByIdAsc("T").join();
		assertThat(this.meterRegistry.get("async.orm.operations")
			.tags("repository", "ArticleRepository", "operation", "findByHeadlineStartingWithOrderByIdAsc", "outcome",
					"success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("async.orm.queue.wait").timer().count()).isPositive();
		assertThat(this.meterRegistry.get("executor.pool.max").tag("name", "asyncOrm").gauge().value()).isPositive();
		assertThat(this.meterRegistry.get("executor.completed").tag("name", "asyncOrm").functionCounter().count())
			.isPositive();
	}

}
