package dev.asyncorm.it;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.hibernate.annotations.CreationTimestamp;

/**
 * A sequence-generated id, a composite unique constraint, an enum stored as text, a version, a
 * creation timestamp and a pre-persist callback.
 */
@Entity
@Table(uniqueConstraints = @UniqueConstraint(columnNames = { "warehouse", "sku" }))
public class StockItem {

	static final LocalDate FIRST_STOCKED = LocalDate.of(2024, 1, 1);

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE)
	private Long id;

	@Column(nullable = false)
	private String warehouse;

	@Column(nullable = false)
	private String sku;

	private Integer quantity;

	@Column(precision = 10, scale = 2)
	private BigDecimal price;

	private LocalDate stockedOn;

	@CreationTimestamp
	private LocalDateTime createdAt;

	@Enumerated(EnumType.STRING)
	private Grade grade = Grade.STANDARD;

	@Version
	private Integer version;

	protected StockItem() {
	}

	public StockItem(String warehouse, String sku, Integer quantity, BigDecimal price) {
		this.warehouse = warehouse;
		this.sku = sku;
		this.quantity = quantity;
		this.price = price;
	}

	@PrePersist
	void stocked() {
		if (this.stockedOn == null) {
			this.stockedOn = FIRST_STOCKED;
		}
	}

	public Long getId() {
		return this.id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getWarehouse() {
		return this.warehouse;
	}

	public String getSku() {
		return this.sku;
	}

	public Integer getQuantity() {
		return this.quantity;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public LocalDate getStockedOn() {
		return this.stockedOn;
	}

	public LocalDateTime getCreatedAt() {
		return this.createdAt;
	}

	public Grade getGrade() {
		return this.grade;
	}

	public void setGrade(Grade grade) {
		this.grade = grade;
	}

	public Integer getVersion() {
		return this.version;
	}

	public enum Grade {

		STANDARD, PREMIUM

	}

	@Override
	public String toString() {
		return "StockItem(" + this.warehouse + ", " + this.sku + ")";
	}

}
