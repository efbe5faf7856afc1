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

/** A grandchild of a {@link Newsroom}: deleted with its {@link Dispatch} by {@code ON DELETE CASCADE}. */
@Entity
public class Correction {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String text;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(nullable = false)
	@OnDelete(action = OnDeleteAction.CASCADE)
	private Dispatch dispatch;

	protected Correction() {
	}

	public Correction(String text, Dispatch dispatch) {
		this.text = text;
		this.dispatch = dispatch;
	}

	public Long getId() {
		return this.id;
	}

}
