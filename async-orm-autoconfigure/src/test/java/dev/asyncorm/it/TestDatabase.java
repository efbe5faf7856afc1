package dev.asyncorm.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The database the integration suite runs on, chosen by the Maven profile through the system
 * property {@code async-orm.test.database}: {@code h2} (default), {@code postgres} or
 * {@code mariadb}. A server that cannot be reached fails the suite with the URL it tried.
 */
public enum TestDatabase {

	H2("jdbc:h2:mem:asyncorm;DB_CLOSE_DELAY=-1", null, "sa"),
	POSTGRES("jdbc:postgresql://127.0.0.1:5432/test", "ASYNC_ORM_PG_URL", "postgres"),
	MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "ASYNC_ORM_MARIADB_URL", "root");

	private final String defaultUrl;

	private final String urlVariable;

	private final String username;

	TestDatabase(String defaultUrl, String urlVariable, String username) {
		this.defaultUrl = defaultUrl;
		this.urlVariable = urlVariable;
		this.username = username;
	}

	public static TestDatabase current() {
		return valueOf(System.getProperty("async-orm.test.database", "h2").toUpperCase(java.util.Locale.ROOT));
	}

	public String url() {
		String fromEnvironment = (this.urlVariable != null) ? System.getenv(this.urlVariable) : null;
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : this.defaultUrl;
	}

	/**
	 * The URL of a second database of the same kind, for the multiple-database tests: a second
	 * in-memory H2, or a database named after the first with {@code _other} appended, created on
	 * the server when missing.
	 */
	public String secondUrl() {
		if (this == H2) {
			return "jdbc:h2:mem:asyncorm_other;DB_CLOSE_DELAY=-1";
		}
		String url = url();
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		String name = base.substring(base.lastIndexOf('/') + 1) + "_other";
		String second = base + "_other" + ((query >= 0) ? url.substring(query) : "");
		try (Connection connection = DriverManager.getConnection(url, this.username, "");
				java.sql.Statement statement = connection.createStatement()) {
			if (this == MARIADB) {
				statement.execute("create database if not exists " + name);
			}
			else if (!statement.executeQuery("select 1 from pg_database where datname = '" + name + "'").next()) {
				statement.execute("create database " + name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the second database " + name + " at " + url, ex);
		}
		return second;
	}

	/**
	 * The login of the second database.
	 * @return the username
	 */
	public String username() {
		return this.username;
	}

	/** The datasource properties, after checking that the server answers. */
	public Map<String, String> properties() {
		if (this != H2) {
			try (Connection connection = DriverManager.getConnection(url(), this.username, "")) {
				connection.isValid(5);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(name() + " is not reachable at " + url() + " (user " + this.username
						+ "): " + ex.getMessage() + ". Start the server or set " + this.urlVariable + ".", ex);
			}
		}
		return Map.of("spring.datasource.url", url(), "spring.datasource.username", this.username,
				"spring.datasource.password", "");
	}

}
