package dev.asyncorm.it;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import dev.asyncorm.ModelOptions;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
@ModelOptions(ordering = "headline", getLatestBy = "pubDate")
public class Article {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String headline;

	private String body;

	private LocalDate pubDate;

	private LocalDateTime createdAt;

	private LocalTime startTime;

	private Integer rating;

	protected Article() {
	}

	public Article(String headline, String body, LocalDate pubDate, LocalDateTime createdAt, Integer rating) {
		this.headline = headline;
		this.body = body;
		this.pubDate = pubDate;
		this.createdAt = createdAt;
		this.rating = rating;
	}

	public Long getId() {
		return this.id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getHeadline() {
		return this.headline;
	}

	public void setHeadline(String headline) {
		this.headline = headline;
	}

	public String getBody() {
		return this.body;
	}

	public LocalDate getPubDate() {
		return this.pubDate;
	}

	public LocalDateTime getCreatedAt() {
		return this.createdAt;
	}

	public LocalTime getStartTime() {
		return this.startTime;
	}

	public void setStartTime(LocalTime startTime) {
		this.startTime = startTime;
	}

	public Integer getRating() {
		return this.rating;
	}

	public void setRating(Integer rating) {
		this.rating = rating;
	}

	@Override
	public String toString() {
		return "Article(" + this.headline + ")";
	}

}
