package dev.asyncorm.it;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class TestApplication {

	@Bean
	static JdbcRecorder jdbcRecorder() {
		return new JdbcRecorder();
	}

	/** Wraps the pool in datasource-proxy so that tests can count statements and commits. */
	@Bean
	static BeanPostProcessor recordingDataSource(org.springframework.beans.factory.ObjectProvider<JdbcRecorder> recorder) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
					return ProxyDataSourceBuilder.create(dataSource)
						.name("recorded")
						.listener(recorder.getObject())
						.methodListener(recorder.getObject())
						.build();
				}
				return bean;
			}
		};
	}

}
