package dev.asyncorm.benchmarks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Runs the benchmarks once and exits: {@code ./mvnw -pl benchmarks -am spring-boot:run}.
 * {@code @EnableAsync} is for the {@code spring-data-async} contender, whose calls run on Spring
 * Boot's {@code applicationTaskExecutor}.
 */
@SpringBootApplication
@EnableAsync
@ConfigurationPropertiesScan
public class BenchmarkApplication {

	public static void main(String[] args) {
		// Exit when the runner is done: the executors' threads would keep the JVM alive.
		System.exit(SpringApplication.exit(SpringApplication.run(BenchmarkApplication.class, args)));
	}

}
