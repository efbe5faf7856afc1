package dev.asyncorm.it;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** A plain Spring Data repository, living beside the async ones. */
public interface BookJpaRepository extends JpaRepository<Book, Long> {

	List<Book> findByTitle(String title);

}
