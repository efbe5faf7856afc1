package dev.asyncorm.autoconfigure;

import java.sql.Connection;
import java.sql.PreparedStatement;

import dev.asyncorm.query.AsyncOrmFunctionContributor;
import dev.asyncorm.query.AsyncOrmIntegrator;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of an application using async-orm needs beyond what Spring Data and
 * Spring's JPA support register (the repositories, their fragment, the entities): the JDBC
 * proxies of {@code explain()}, whose calls reach the driver by reflection, and the Hibernate
 * extensions that Hibernate finds through {@link java.util.ServiceLoader}. Registered through
 * {@code META-INF/spring/aot.factories}.
 */
class AsyncOrmRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> jdbc : new Class<?>[] { Connection.class, PreparedStatement.class }) {
			hints.proxies().registerJdkProxy(jdbc);
			hints.reflection().registerType(jdbc, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		for (Class<?> extension : new Class<?>[] { AsyncOrmIntegrator.class, AsyncOrmFunctionContributor.class }) {
			hints.reflection().registerType(extension, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		hints.resources().registerPattern("META-INF/services/org.hibernate.integrator.spi.Integrator");
		hints.resources().registerPattern("META-INF/services/org.hibernate.boot.model.FunctionContributor");
	}

}
