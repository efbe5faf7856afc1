package dev.asyncorm.benchmarks.report;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * What the figures were measured on, for the report's header.
 *
 * @param cores the processors the JVM sees
 * @param memoryBytes the machine's physical memory, or -1 when the JVM cannot tell
 * @param operatingSystem the operating system's name, version and architecture
 * @param jvm the JVM's name and version
 * @param maxHeapBytes the JVM's heap limit
 * @param database the database's product name and version
 * @param url the JDBC URL
 */
public record Environment(int cores, long memoryBytes, String operatingSystem, String jvm, long maxHeapBytes,
		String database, String url) {

	/**
	 * Describes this JVM, its machine, and the database behind the data source.
	 * @param dataSource the data source
	 * @return the description
	 */
	public static Environment describe(DataSource dataSource) {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		long memory = (os instanceof com.sun.management.OperatingSystemMXBean hotspot) ? hotspot.getTotalMemorySize()
				: -1;
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			return new Environment(Runtime.getRuntime().availableProcessors(), memory,
					os.getName() + " " + os.getVersion() + " " + os.getArch(),
					System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
					Runtime.getRuntime().maxMemory(),
					metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion(), metaData.getURL());
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Cannot describe the database", ex);
		}
	}

}
