package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

@Entity
public class Story {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String headline;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(nullable = false)
	private Reporter reporter;

	protected Story() {
	}

	public Story(String headline, Reporter reporter) {
		this.headline = headline;
		this.reporter = reporter;
	}

	public Long getId() {
		return this.id;
	}

	public String getHeadline() {
		return this.headline;
	}

	public Reporter getReporter() {
		return this.reporter;
	}

}
