package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** The explicit join entity of {@link Club}'s members, with extra columns. */
@Entity
public class Membership {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "club_id")
	private Club club;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "person_id")
	private Person person;

	private String inviteReason;

	private Integer level;

	protected Membership() {
	}

	public Long getId() {
		return this.id;
	}

	public String getInviteReason() {
		return this.inviteReason;
	}

	public Integer getLevel() {
		return this.level;
	}

}
