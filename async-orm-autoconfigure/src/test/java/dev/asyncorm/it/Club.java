package dev.asyncorm.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;

/** Django's {@code members = ManyToManyField(Person, through="Membership")}. */
@Entity
public class Club {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@ManyToMany
	@JoinTable(name = "membership", joinColumns = @JoinColumn(name = "club_id"),
			inverseJoinColumns = @JoinColumn(name = "person_id"))
	private List<Person> members = new ArrayList<>();

	protected Club() {
	}

	public Club(String name) {
		this.name = name;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
