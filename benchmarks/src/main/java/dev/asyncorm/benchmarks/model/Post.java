package dev.asyncorm.benchmarks.model;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A post whose tags are replaced, five by five, by the many-to-many workload.
 */
@Entity
@Table(name = "bench_post")
public class Post {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(nullable = false, length = 64)
	private String title;

	@ManyToMany
	@JoinTable(name = "bench_post_tag", joinColumns = @JoinColumn(name = "post_id"),
			inverseJoinColumns = @JoinColumn(name = "tag_id"))
	private Set<Tag> tags = new HashSet<>();

	protected Post() {
		this.title = "";
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public Set<Tag> getTags() {
		return this.tags;
	}

}
