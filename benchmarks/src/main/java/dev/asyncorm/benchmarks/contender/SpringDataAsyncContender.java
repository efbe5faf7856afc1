package dev.asyncorm.benchmarks.contender;

import java.util.concurrent.CompletableFuture;

import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Spring Data JPA behind Spring's {@code @Async}: the same calls as {@link SpringDataContender},
 * each run on Spring Boot's {@code applicationTaskExecutor}. A bean of its own, since {@code @Async}
 * works through a proxy; repository query methods could carry {@code @Async} too, but the writes and
 * the stream have no such method, and one path for all keeps the operations comparable.
 */
@Component
@Order(3)
class SpringDataAsyncContender implements Contender {

	private final SpringDataContender springData;

	SpringDataAsyncContender(SpringDataContender springData) {
		this.springData = springData;
	}

	@Override
	public String name() {
		return "spring-data-async";
	}

	@Override
	public boolean blocking() {
		return false;
	}

	@Async
	@Override
	public CompletableFuture<?> getById(long id) {
		return this.springData.getById(id);
	}

	@Async
	@Override
	public CompletableFuture<?> filterByPrefix(String prefix) {
		return this.springData.filterByPrefix(prefix);
	}

	@Async
	@Override
	public CompletableFuture<?> insert(String name) {
		return this.springData.insert(name);
	}

	@Async
	@Override
	public CompletableFuture<?> replaceTags(long postId, long[] tagIds) {
		return this.springData.replaceTags(postId, tagIds);
	}

	@Async
	@Override
	public CompletableFuture<?> bulkInsert(int count) {
		return this.springData.bulkInsert(count);
	}

	@Async
	@Override
	public CompletableFuture<?> stream(RowSink sink) {
		return this.springData.stream(sink);
	}

}
