package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.SQLRestriction;

/**
 * A soft-deleted model: Hibernate hides archived rows from every read. Its label is an eager
 * relation, which Hibernate's loader reads with the memo.
 */
@Entity
@SQLRestriction("archived = false")
public class Memo {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String text;

	private boolean archived;

	@ManyToOne
	private Tag label;

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

	public Tag getLabel() {
		return this.label;
	}

	public void setLabel(Tag label) {
		this.label = label;
	}

}
