package dev.asyncorm.repository;

import dev.asyncorm.AsyncModelRepository;
import dev.asyncorm.execution.OperationDispatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;

/**
 * Adds the {@link AsyncQueryMethodInterceptor} at the head of the proxy of every
 * {@link AsyncModelRepository}, through Spring Data's {@code RepositoryFactoryCustomizer}, the way
 * Spring Boot adds its repository metrics, leaving Spring Data's factory and Boot's repository
 * auto-configuration as they are.
 */
public final class AsyncRepositoryPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<OperationDispatcher> dispatcher;

	/**
	 * Creates the post-processor.
	 * @param dispatcher the dispatcher, looked up on first use
	 */
	public AsyncRepositoryPostProcessor(ObjectProvider<OperationDispatcher> dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> factoryBean && factoryBean.getObjectType() != null
				&& AsyncModelRepository.class.isAssignableFrom(factoryBean.getObjectType())) {
			String repositoryName = factoryBean.getObjectType().getSimpleName();
			factoryBean.addRepositoryFactoryCustomizer((factory) -> factory.addRepositoryProxyPostProcessor(
					(proxyFactory, information) -> proxyFactory.addAdvice(0,
							new AsyncQueryMethodInterceptor(repositoryName, this.dispatcher::getObject))));
		}
		return bean;
	}

}
