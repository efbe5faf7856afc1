package dev.asyncorm.it;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;

@Entity
public class Pizza {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(unique = true, nullable = false)
	private String name;

	@ManyToMany
	private Set<Topping> toppings = new HashSet<>();

	@ManyToOne(fetch = FetchType.LAZY)
	private Box box;

	private Integer price;

	protected Pizza() {
	}

	public Pizza(String name, Box box) {
		this.name = name;
		this.box = box;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public Set<Topping> getToppings() {
		return this.toppings;
	}

	public Box getBox() {
		return this.box;
	}

	public Integer getPrice() {
		return this.price;
	}

	public void setPrice(Integer price) {
		this.price = price;
	}

	public void setBox(Box box) {
		this.box = box;
	}

	@Override
	public String toString() {
		return "Pizza(" + this.name + ")";
	}

}
