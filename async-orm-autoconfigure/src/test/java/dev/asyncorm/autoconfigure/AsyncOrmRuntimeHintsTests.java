package dev.asyncorm.autoconfigure;

import java.sql.Connection;
import java.sql.PreparedStatement;

import dev.asyncorm.query.AsyncOrmFunctionContributor;
import dev.asyncorm.query.AsyncOrmIntegrator;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The hints a native image needs are registered, and Spring's AOT processing finds them. */
class AsyncOrmRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	AsyncOrmRuntimeHintsTests() {
		new AsyncOrmRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theJdbcProxiesOfExplainCanBeCreatedAndReachTheDriver() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Connection.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(PreparedStatement.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(Connection.class.getMethod("prepareStatement", String.class))).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(PreparedStatement.class.getMethod("executeQuery"))).accepts(this.hints);
	}

	@Test
	void hibernateFindsTheExtensions() {
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("META-INF/services/org.hibernate.integrator.spi.Integrator")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("META-INF/services/org.hibernate.boot.model.FunctionContributor")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(AsyncOrmIntegrator.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(AsyncOrmFunctionContributor.class)).accepts(this.hints);
	}

	@Test
	void springsAotProcessingFindsTheRegistrar() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(AsyncOrmRuntimeHints.class);
	}

}
