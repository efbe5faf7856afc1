package dev.asyncorm;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

import org.springframework.data.core.ReactiveWrappers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method of the public async API either builds (returns a queryset, does no I/O) or is
 * terminal and returns a CompletableFuture or a Flow.Publisher: no blocking method slips in.
 */
class ApiShapeTests {

	@Test
	void everyMethodReturnsAQuerysetAManagerOrAFuture() {
		List<Method> methods = Arrays.stream(new Class<?>[] { AsyncQueryOperations.class, AsyncQuerySet.class,
				AsyncModelRepository.class, AsyncModelManager.class, AsyncRelatedManager.class })
			.flatMap((type) -> Arrays.stream(type.getDeclaredMethods()))
			.filter((method) -> !method.isSynthetic())
			.toList();
		assertThat(methods).hasSizeGreaterThan(30);
		assertThat(methods).allSatisfy((method) -> assertThat(method.getReturnType())
			.as("%s returns %s", method.getName(), method.getReturnType().getSimpleName())
			.isIn(AsyncQuerySet.class, AsyncModelManager.class, AsyncRelatedManager.class, CompletableFuture.class,
					Flow.Publisher.class));
	}

	@Test
	void noRepositoryMethodReturnsATypeSpringDataTakesForReactive() {
		assertThat(ReactiveWrappers.supports(Flow.Publisher.class)).as("Project Reactor on the test class path").isTrue();
		assertThat(AsyncModelRepository.class.getMethods()).allSatisfy((method) -> assertThat(
				ReactiveWrappers.supports(method.getReturnType()))
			.as("%s returns %s", method.getName(), method.getReturnType().getSimpleName())
			.isFalse());
		assertThat(AsyncQuerySet.class.getMethods()).anySatisfy(
				(method) -> assertThat(method.getReturnType()).isEqualTo(Flow.Publisher.class));
	}

	@Test
	void asyncOrmMethodsReturnFutures() {
		assertThat(AsyncOrm.class.getDeclaredMethods())
			.allSatisfy((method) -> assertThat(method.getReturnType()).isEqualTo(CompletableFuture.class));
	}

}
