package dev.asyncorm.it;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A row of a long table, for iteration: non-null fields with many ties, and a nullable one. */
@Entity
public class Reading {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String site;

	private int score;

	@Column(nullable = false)
	private LocalDateTime takenAt;

	private String note;

	protected Reading() {
	}

	public Reading(String site, int score, LocalDateTime takenAt) {
		this.site = site;
		this.score = score;
		this.takenAt = takenAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getSite() {
		return this.site;
	}

	public int getScore() {
		return this.score;
	}

	public LocalDateTime getTakenAt() {
		return this.takenAt;
	}

	public String getNote() {
		return this.note;
	}

	@Override
	public String toString() {
		return "Reading(" + this.id + ", " + this.site + ", " + this.score + ")";
	}

}
