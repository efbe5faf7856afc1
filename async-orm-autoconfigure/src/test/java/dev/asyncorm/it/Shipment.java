package dev.asyncorm.it;

import java.time.Instant;
import java.time.LocalDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A row with a date and time, an instant and a nullable number, for Django's value coercion. */
@Entity
public class Shipment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String label;

	private Integer weight;

	private LocalDateTime departedAt;

	private Instant arrivedAt;

	protected Shipment() {
	}

	public Shipment(String label, Integer weight, LocalDateTime departedAt, Instant arrivedAt) {
		this.label = label;
		this.weight = weight;
		this.departedAt = departedAt;
		this.arrivedAt = arrivedAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getLabel() {
		return this.label;
	}

	public Integer getWeight() {
		return this.weight;
	}

	public LocalDateTime getDepartedAt() {
		return this.departedAt;
	}

	public Instant getArrivedAt() {
		return this.arrivedAt;
	}

	@Override
	public String toString() {
		return "Shipment(" + this.label + ")";
	}

}
