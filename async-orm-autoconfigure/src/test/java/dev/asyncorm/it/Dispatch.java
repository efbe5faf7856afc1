package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** A child deleted with its {@link Newsroom} by the database ({@code ON DELETE CASCADE}); the newsroom maps no inverse. */
@Entity
public class Dispatch {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String title;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(nullable = false)
	@OnDelete(action = OnDeleteAction.CASCADE)
	private Newsroom newsroom;

	protected Dispatch() {
	}

	public Dispatch(String title, Newsroom newsroom) {
		this.title = title;
		this.newsroom = newsroom;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

}
