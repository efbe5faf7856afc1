package dev.asyncorm.benchmarks.contender;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.asyncorm.benchmarks.model.Item;
import dev.asyncorm.benchmarks.model.ItemRepository;
import dev.asyncorm.benchmarks.model.Post;
import dev.asyncorm.benchmarks.model.PostRepository;
import dev.asyncorm.benchmarks.model.TagRepository;
import jakarta.persistence.EntityManager;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plain Spring Data JPA, called synchronously, written as an application usually writes it:
 * repository methods, and a transaction around what needs one.
 */
@Component
@Order(2)
class SpringDataContender implements Contender {

	private final ItemRepository items;

	private final PostRepository posts;

	private final TagRepository tags;

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final TransactionTemplate readOnlyTransaction;

	SpringDataContender(ItemRepository items, PostRepository posts, TagRepository tags, EntityManager entityManager,
			TransactionTemplate transaction) {
		this.items = items;
		this.posts = posts;
		this.tags = tags;
		this.entityManager = entityManager;
		this.transaction = transaction;
		this.readOnlyTransaction = new TransactionTemplate(transaction.getTransactionManager());
		this.readOnlyTransaction.setReadOnly(true);
	}

	@Override
	public String name() {
		return "spring-data";
	}

	@Override
	public boolean blocking() {
		return true;
	}

	@Override
	public CompletableFuture<Item> getById(long id) {
		return CompletableFuture.completedFuture(this.items.findById(id).orElseThrow());
	}

	@Override
	public CompletableFuture<List<Item>> filterByPrefix(String prefix) {
		return CompletableFuture.completedFuture(this.items.findTop20ByNameStartingWithOrderByName(prefix));
	}

	@Override
	public CompletableFuture<Item> insert(String name) {
		Item item = new Item(name, ThreadLocalRandom.current().nextInt(1_000));
		return CompletableFuture.completedFuture(this.items.save(item));
	}

	@Override
	public CompletableFuture<Post> replaceTags(long postId, long[] tagIds) {
		return CompletableFuture.completedFuture(this.transaction.execute((status) -> {
			Post post = this.posts.findById(postId).orElseThrow();
			post.getTags().clear();
			for (long tagId : tagIds) {
				post.getTags().add(this.tags.getReferenceById(tagId));
			}
			return post;
		}));
	}

	@Override
	public CompletableFuture<List<Item>> bulkInsert(int count) {
		// IDENTITY ids keep Hibernate from batching these inserts: one round trip per row.
		return CompletableFuture.completedFuture(
				this.items.saveAll(IntStream.range(0, count).mapToObj((i) -> new Item("bulk-" + i, i)).toList()));
	}

	@Override
	public CompletableFuture<RowSink> stream(RowSink sink) {
		return CompletableFuture.completedFuture(this.readOnlyTransaction.execute((status) -> {
			try (Stream<Item> rows = this.items.streamAllByOrderById()) {
				// Without detaching, the persistence context would keep every item until the end.
				rows.forEach((item) -> {
					sink.accept(item);
					this.entityManager.detach(item);
				});
			}
			return sink;
		}));
	}

}
