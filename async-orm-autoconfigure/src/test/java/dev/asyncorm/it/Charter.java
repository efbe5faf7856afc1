package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;

/** The one-to-one that references its {@link Newsroom}, which removes it ({@code cascade = REMOVE} on the inverse side). */
@Entity
public class Charter {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String text;

	@OneToOne(fetch = FetchType.LAZY)
	private Newsroom newsroom;

	protected Charter() {
	}

	public Charter(String text, Newsroom newsroom) {
		this.text = text;
		this.newsroom = newsroom;
	}

	public Long getId() {
		return this.id;
	}

}
