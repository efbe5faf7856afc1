package dev.asyncorm.it;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child JVM of {@link IterationIntegrationTests}' small-heap test: starts the test
 * application on the current database, inserts the given number of readings with plain JDBC
 * batches, counts them through {@code forEach}, and prints the count, whether the ids came in
 * order, and the maximum heap. On a server database it uses the tables of the parent's context
 * (which also removes the rows); on H2 it is given a file database of its own, since an in-memory
 * one would keep every row in the heap under test.
 */
public final class SmallHeapIteration {

	private static final int BATCH = 1000;

	private SmallHeapIteration() {
	}

	/**
	 * Runs the iteration.
	 * @param args the number of rows, then optionally a JDBC URL that replaces the current database's
	 */
	public static void main(String[] args) {
		try {
			run(Integer.parseInt(args[0]), (args.length > 1) ? args[1] : null);
			System.exit(0);
		}
		catch (Throwable ex) {
			ex.printStackTrace(System.out);
			System.exit(1);
		}
	}

	private static void run(int rows, String url) throws Exception {
		Map<String, String> properties = new HashMap<>(TestDatabase.current().properties());
		if (url != null) {
			properties.put("spring.datasource.url", url);
		}
		// A database of its own gets its tables; a server database's are the parent's, left as they are.
		properties.put("spring.jpa.hibernate.ddl-auto", (url != null) ? "create-drop" : "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		// Command-line arguments, which take precedence over the test application.properties.
		String[] arguments = properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.run(arguments)) {
			long started = ManagementFactory.getRuntimeMXBean().getUptime();
			long start = System.nanoTime();
			insert(context.getBean(DataSource.class), rows);
			long inserted = System.nanoTime();
			AtomicLong count = new AtomicLong();
			AtomicLong lastId = new AtomicLong(Long.MIN_VALUE);
			AtomicBoolean ordered = new AtomicBoolean(true);
			context.getBean(ReadingRepository.class).forEach((reading) -> {
				if (reading.getId() <= lastId.getAndSet(reading.getId())) {
					ordered.set(false);
				}
				count.incrementAndGet();
			}).get(2, TimeUnit.MINUTES);
			System.out.println("streamed=" + count + " ordered=" + ordered + " maxHeapMb="
					+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " startMs=" + started + " insertMs="
					+ TimeUnit.NANOSECONDS.toMillis(inserted - start) + " streamMs="
					+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - inserted));
		}
	}

	private static void insert(DataSource dataSource, int rows) throws Exception {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement insert = connection
					.prepareStatement("insert into reading (site, score, taken_at) values (?, ?, ?)")) {
			connection.setAutoCommit(false);
			Timestamp takenAt = Timestamp.valueOf("2024-01-01 00:00:00");
			for (int i = 0; i < rows; i++) {
				insert.setString(1, "site-" + (i % 100));
				insert.setInt(2, i % 1000);
				insert.setTimestamp(3, takenAt);
				insert.addBatch();
				if ((i + 1) % BATCH == 0 || i + 1 == rows) {
					insert.executeBatch();
					connection.commit();
				}
			}
		}
	}

}
