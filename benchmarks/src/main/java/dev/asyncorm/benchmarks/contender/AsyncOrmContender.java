package dev.asyncorm.benchmarks.contender;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import dev.asyncorm.benchmarks.model.Dataset;
import dev.asyncorm.benchmarks.model.Item;
import dev.asyncorm.benchmarks.model.ItemManager;
import dev.asyncorm.benchmarks.model.Post;
import dev.asyncorm.benchmarks.model.PostManager;
import dev.asyncorm.benchmarks.model.Tag;
import dev.asyncorm.benchmarks.model.TagManager;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * async-orm's model managers, as its README shows them.
 */
@Component
@Order(4)
class AsyncOrmContender implements Contender {

	private final ItemManager items;

	private final PostManager posts;

	private final TagManager tags;

	/** Detached posts and tags, read once: the related manager takes entities, as Django's does. */
	private Map<Object, Post> postsById = Map.of();

	private Map<Object, Tag> tagsById = Map.of();

	AsyncOrmContender(ItemManager items, PostManager posts, TagManager tags) {
		this.items = items;
		this.posts = posts;
		this.tags = tags;
	}

	@Override
	public String name() {
		return "async-orm";
	}

	@Override
	public boolean blocking() {
		return false;
	}

	@Override
	public void prepare(Dataset dataset) {
		this.postsById = this.posts.inBulk().join();
		this.tagsById = this.tags.inBulk().join();
	}

	@Override
	public CompletableFuture<Item> getById(long id) {
		return this.items.get("pk", id);
	}

	@Override
	public CompletableFuture<List<Item>> filterByPrefix(String prefix) {
		return this.items.filter("name__startswith", prefix).orderBy("name").limit(20).list();
	}

	@Override
	public CompletableFuture<Item> insert(String name) {
		return this.items.create(new Item(name, ThreadLocalRandom.current().nextInt(1_000)));
	}

	@Override
	public CompletableFuture<Void> replaceTags(long postId, long[] tagIds) {
		List<Tag> newTags = Arrays.stream(tagIds).mapToObj(this.tagsById::get).toList();
		return this.posts.<Tag>related(this.postsById.get(postId), "tags").set(newTags);
	}

	@Override
	public CompletableFuture<List<Item>> bulkInsert(int count) {
		return this.items.bulkCreate(IntStream.range(0, count).mapToObj((i) -> new Item("bulk-" + i, i)).toList());
	}

	@Override
	public CompletableFuture<RowSink> stream(RowSink sink) {
		return this.items.all().forEach(sink).thenApply((done) -> sink);
	}

}
