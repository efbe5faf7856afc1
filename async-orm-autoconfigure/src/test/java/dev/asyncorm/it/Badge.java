package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** The one-to-one a {@link Newsroom} references and removes with itself ({@code cascade = REMOVE} on the owning side). */
@Entity
public class Badge {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String label;

	protected Badge() {
	}

	public Badge(String label) {
		this.label = label;
	}

	public Long getId() {
		return this.id;
	}

}
