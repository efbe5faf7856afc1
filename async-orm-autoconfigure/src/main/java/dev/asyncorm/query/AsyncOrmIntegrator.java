package dev.asyncorm.query;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;

/**
 * Registers async-orm's Hibernate event listeners (the {@link DeletionCounter}); loaded by
 * Hibernate through {@code META-INF/services}.
 */
public final class AsyncOrmIntegrator implements Integrator {

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
		sessionFactory.getServiceRegistry()
			.requireService(EventListenerRegistry.class)
			.appendListeners(EventType.POST_DELETE, new DeletionCounter());
	}

}
