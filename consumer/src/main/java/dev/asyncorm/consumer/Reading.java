package dev.asyncorm.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sensor reading: one row of a long table that the application streams. */
@Entity
@Table(name = "consumer_reading")
public class Reading {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String site;

	private int score;

	protected Reading() {
	}

	/**
	 * A new reading.
	 * @param site where it was taken
	 * @param score its value
	 */
	public Reading(String site, int score) {
		this.site = site;
		this.score = score;
	}

	/**
	 * The id.
	 * @return the id, {@code null} before the insert
	 */
	public Long getId() {
		return this.id;
	}

	/**
	 * Where it was taken.
	 * @return the site
	 */
	public String getSite() {
		return this.site;
	}

	/**
	 * Its value.
	 * @return the score
	 */
	public int getScore() {
		return this.score;
	}

}
