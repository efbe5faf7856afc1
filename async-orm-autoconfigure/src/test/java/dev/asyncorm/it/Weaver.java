package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** Who made a {@link Basket}: the end of the chain hamper → basket → weaver. */
@Entity
public class Weaver {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String town;

	protected Weaver() {
	}

	public Weaver(String name, String town) {
		this.name = name;
		this.town = town;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getTown() {
		return this.town;
	}

	public void setTown(String town) {
		this.town = town;
	}

}
