package dev.asyncorm.it;

import dev.asyncorm.ModelOptions;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;

/** A model with a {@code @PostLoad} callback, which only Hibernate's loader calls. */
@Entity
@ModelOptions(ordering = "name")
public class Reporter {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@Transient
	private boolean loaded;

	protected Reporter() {
	}

	public Reporter(String name) {
		this.name = name;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	/**
	 * Tells whether this instance was read from the database, by its {@code @PostLoad} callback.
	 * @return whether it was loaded
	 */
	public boolean isLoaded() {
		return this.loaded;
	}

	@PostLoad
	void markLoaded() {
		this.loaded = true;
	}

}
