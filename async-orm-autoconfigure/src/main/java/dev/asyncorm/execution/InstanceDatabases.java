package dev.asyncorm.execution;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Tells {@link Databases} which database each entity was loaded from, inserted into or updated
 * in, as Django sets {@code instance._state.db}: Hibernate's post-load, post-insert and
 * post-update listeners, registered only when there are several databases.
 */
final class InstanceDatabases implements PostLoadEventListener, PostInsertEventListener, PostUpdateEventListener {

	private final Databases databases;

	private InstanceDatabases(Databases databases) {
		this.databases = databases;
	}

	/**
	 * Registers the listeners with the persistence unit, when there are several databases.
	 * @param entityManagerFactory the persistence unit
	 * @param databases where to remember the instances
	 */
	static void register(EntityManagerFactory entityManagerFactory, Databases databases) {
		if (!databases.several()) {
			return;
		}
		InstanceDatabases listener = new InstanceDatabases(databases);
		EventListenerRegistry registry = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getEventListenerRegistry();
		registry.appendListeners(EventType.POST_LOAD, listener);
		registry.appendListeners(EventType.POST_INSERT, listener);
		registry.appendListeners(EventType.POST_UPDATE, listener);
	}

	@Override
	public void onPostLoad(PostLoadEvent event) {
		remember(event.getEntity());
	}

	@Override
	public void onPostInsert(PostInsertEvent event) {
		remember(event.getEntity());
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		remember(event.getEntity());
	}

	private void remember(Object entity) {
		String alias = DatabaseAlias.current();
		if (alias != null) {
			this.databases.remember(entity, alias);
		}
	}

	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return false;
	}

}
