package dev.asyncorm.consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Spring Security in front of the endpoints: the readings and health are public, the rest needs a login. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/readings/**", "/readings", "/actuator/health")
			.permitAll()
			.anyExchange()
			.authenticated()).httpBasic((basic) -> { }).build();
	}

}
