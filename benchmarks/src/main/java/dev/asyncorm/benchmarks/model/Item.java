package dev.asyncorm.benchmarks.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A row of the main table: read by id and by name prefix, inserted one by one and in bulk,
 * streamed whole. Its id is an IDENTITY column, the common case in which Hibernate cannot batch
 * inserts.
 */
@Entity
@Table(name = "bench_item", indexes = @Index(name = "bench_item_name_idx", columnList = "name"))
public class Item {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(nullable = false, length = 64)
	private String name;

	private int quantity;

	protected Item() {
		this.name = "";
	}

	public Item(String name, int quantity) {
		this.name = name;
		this.quantity = quantity;
	}

	/**
	 * An item as read by plain JDBC, which maps rows itself.
	 * @param id the id
	 * @param name the name
	 * @param quantity the quantity
	 */
	public Item(long id, String name, int quantity) {
		this(name, quantity);
		this.id = id;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public int getQuantity() {
		return this.quantity;
	}

}
