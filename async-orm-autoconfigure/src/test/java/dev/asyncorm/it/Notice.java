package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A child its {@link Newsroom} removes as an orphan ({@code orphanRemoval = true}). */
@Entity
public class Notice {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String text;

	@ManyToOne(fetch = FetchType.LAZY)
	private Newsroom newsroom;

	protected Notice() {
	}

	public Notice(String text, Newsroom newsroom) {
		this.text = text;
		this.newsroom = newsroom;
	}

	public Long getId() {
		return this.id;
	}

}
