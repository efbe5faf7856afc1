package dev.asyncorm.it;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A hamper, packed in a {@link Basket} or in none (an optional relation). */
@Entity
public class Hamper {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String label;

	private Integer weight;

	@ManyToOne(fetch = FetchType.LAZY)
	private Basket basket;

	protected Hamper() {
	}

	public Hamper(String label, Integer weight, Basket basket) {
		this.label = label;
		this.weight = weight;
		this.basket = basket;
	}

	public Long getId() {
		return this.id;
	}

	public String getLabel() {
		return this.label;
	}

	public void setLabel(String label) {
		this.label = label;
	}

	public Integer getWeight() {
		return this.weight;
	}

	public Basket getBasket() {
		return this.basket;
	}

}
