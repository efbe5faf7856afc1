package dev.asyncorm.it;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;

/**
 * A model whose deletion takes other rows with it in each way JPA and Hibernate have: the
 * {@link Dispatch}es by their {@code ON DELETE CASCADE} key (and their {@link Correction}s by
 * theirs), its {@link Notice}s by {@code orphanRemoval}, the {@link Charter} that references it by
 * {@code cascade = REMOVE}, and the {@link Badge} it references by {@code cascade = REMOVE}.
 */
@Entity
public class Newsroom {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	@OneToMany(mappedBy = "newsroom", orphanRemoval = true)
	private List<Notice> notices = new ArrayList<>();

	@OneToOne(mappedBy = "newsroom", cascade = CascadeType.REMOVE, fetch = FetchType.LAZY)
	private Charter charter;

	@OneToOne(cascade = CascadeType.REMOVE, fetch = FetchType.LAZY)
	private Badge badge;

	protected Newsroom() {
	}

	public Newsroom(String name, Badge badge) {
		this.name = name;
		this.badge = badge;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
