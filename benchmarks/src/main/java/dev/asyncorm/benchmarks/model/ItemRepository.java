package dev.asyncorm.benchmarks.model;

import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.QueryHints;

/**
 * The items as a plain Spring Data JPA repository, called synchronously.
 */
public interface ItemRepository extends JpaRepository<Item, Long> {

	/**
	 * The first 20 items whose name starts with the prefix, by name.
	 * @param prefix the prefix
	 * @return the items
	 */
	List<Item> findTop20ByNameStartingWithOrderByName(String prefix);

	/**
	 * Every item by id, read in fetches of the size async-orm's iterator reads per chunk; to be
	 * consumed inside a transaction.
	 * @return the items
	 */
	@QueryHints(@QueryHint(name = HibernateHints.HINT_FETCH_SIZE, value = "2000"))
	Stream<Item> streamAllByOrderById();

}
