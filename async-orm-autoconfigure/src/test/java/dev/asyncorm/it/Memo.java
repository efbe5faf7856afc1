package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import org.hibernate.annotations.SQLRestriction;

/** A soft-deleted model: Hibernate hides archived rows from every read. */
@Entity
@SQLRestriction("archived = false")
public class Memo {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String text;

	private boolean archived;

	protected Memo() {
	}

	public Memo(String text, boolean archived) {
		this.text = text;
		this.archived = archived;
	}

	public Long getId() {
		return this.id;
	}

	public String getText() {
		return this.text;
	}

}
