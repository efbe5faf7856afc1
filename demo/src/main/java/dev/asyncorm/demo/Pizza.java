package dev.asyncorm.demo;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

import dev.asyncorm.ModelOptions;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import org.jspecify.annotations.Nullable;

/**
 * A pizza: querysets of pizzas are ordered by name unless told otherwise, and {@code latest()}
 * means the most recently created one.
 */
@Entity
@ModelOptions(ordering = "name", getLatestBy = "createdAt")
public class Pizza {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(nullable = false, unique = true)
	private String name;

	private @Nullable LocalDateTime createdAt;

	@ManyToOne(fetch = FetchType.LAZY)
	private @Nullable Box box;

	@OneToOne(fetch = FetchType.LAZY)
	private @Nullable Price price;

	@ManyToMany(fetch = FetchType.LAZY)
	private Set<Topping> toppings = new HashSet<>();

	protected Pizza() {
		this.name = "";
	}

	public Pizza(String name, LocalDateTime createdAt) {
		this.name = name;
		this.createdAt = createdAt;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public void setId(@Nullable Long id) {
		this.id = id;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public @Nullable LocalDateTime getCreatedAt() {
		return this.createdAt;
	}

	public void setCreatedAt(@Nullable LocalDateTime createdAt) {
		this.createdAt = createdAt;
	}

	public @Nullable Box getBox() {
		return this.box;
	}

	public void setBox(@Nullable Box box) {
		this.box = box;
	}

	public @Nullable Price getPrice() {
		return this.price;
	}

	public void setPrice(@Nullable Price price) {
		this.price = price;
	}

	public Set<Topping> getToppings() {
		return this.toppings;
	}

	public void setToppings(Set<Topping> toppings) {
		this.toppings = toppings;
	}

}
