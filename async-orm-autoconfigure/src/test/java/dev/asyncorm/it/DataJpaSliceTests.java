package dev.asyncorm.it;

import java.time.Duration;
import java.util.Map;

import dev.asyncorm.AsyncOrm;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * async-orm loads in the {@code @DataJpaTest} slice. The slice's rolled-back test transaction is
 * invisible to executor threads, so the test opts out of it.
 */
@DataJpaTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DataJpaSliceTests {

	@Autowired
	private TagRepository tags;

	@Autowired
	private AsyncOrm asyncOrm;

	@Test
	void asyncRepositoriesWorkInTheDataJpaSlice() {
		assertThat(this.tags.create(Map.of("name", "slice"))).succeedsWithin(Duration.ofSeconds(10));
		assertThat(this.tags.filter("name", "slice").count()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(1L);
		assertThat(this.asyncOrm.atomic(() -> this.tags.all().delete().join().total()))
			.succeedsWithin(Duration.ofSeconds(10))
			.isEqualTo(1L);
	}

}
