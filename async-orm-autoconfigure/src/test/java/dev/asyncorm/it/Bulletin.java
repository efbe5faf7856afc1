package dev.asyncorm.it;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PostRemove;

/** A model with a {@code @PostRemove} callback, which counts the instances removed. */
@Entity
public class Bulletin {

	/** How many bulletins the callback saw removed. */
	static final AtomicInteger REMOVED = new AtomicInteger();

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String text;

	protected Bulletin() {
	}

	public Bulletin(String text) {
		this.text = text;
	}

	public Long getId() {
		return this.id;
	}

	@PostRemove
	void countRemoval() {
		REMOVED.incrementAndGet();
	}

}
