package dev.asyncorm.it;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.asyncorm.AsyncModelRepository;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ArticleRepository extends AsyncModelRepository<Article, Long> {

	CompletableFuture<List<Article>> findByHeadlineStartingWithOrderByIdAsc(String prefix);

	@Query("select a from Article a where a.rating > :rating order by a.id")
	CompletableFuture<List<Article>> ratedAbove(@Param("rating") int rating);

	@Modifying
	@Transactional
	@Query("update Article a set a.rating = :rating where a.id = :id")
	CompletableFuture<Integer> setRating(@Param("id") long id, @Param("rating") int rating);

}
