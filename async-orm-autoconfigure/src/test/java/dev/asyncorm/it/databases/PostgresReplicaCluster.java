package dev.asyncorm.it.databases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 primary and a streaming standby, for the integration suite that needs a
 * replica. The cluster is built from the binaries in {@value #BIN_DIRECTORY} under a temporary
 * directory: {@code initdb} for the primary, a database {@code test} on it, then
 * {@code pg_basebackup -R -X stream -c fast} for the standby. Both listen on free loopback ports and trust
 * the user {@code postgres} without a password. When the tests run as root the server programs are
 * run as the operating system user {@code postgres} through {@code runuser}, since PostgreSQL
 * refuses to run as root.
 * <p>
 * There is one cluster per JVM ({@link #shared()}), started on first use and stopped by a shutdown
 * hook, which also deletes the temporary directory.
 */
public final class PostgresReplicaCluster {

	/** Where the PostgreSQL 15 server programs are expected. */
	public static final String BIN_DIRECTORY = "/usr/lib/postgresql/15/bin";

	private static final String USER = "postgres";

	private static final String DATABASE = "test";

	private static final long COMMAND_TIMEOUT_SECONDS = 60;

	private static final long REPLAY_TIMEOUT_MILLIS = 10_000;

	private static final long REPLAY_POLL_MILLIS = 20;

	private static final int LOG_TAIL_LINES = 40;

	private static PostgresReplicaCluster shared;

	private final Path directory;

	private final Path primaryData;

	private final Path standbyData;

	private final Path primaryLog;

	private final Path standbyLog;

	private final boolean asRoot;

	private final int primaryPort;

	private final int standbyPort;

	private int commands;

	private PostgresReplicaCluster(Path directory, int primaryPort, int standbyPort) {
		this.directory = directory;
		this.primaryData = directory.resolve("primary");
		this.standbyData = directory.resolve("standby");
		this.primaryLog = directory.resolve("primary.log");
		this.standbyLog = directory.resolve("standby.log");
		this.asRoot = "root".equals(System.getProperty("user.name"));
		this.primaryPort = primaryPort;
		this.standbyPort = standbyPort;
	}

	/**
	 * The cluster of this JVM, started on the first call (which takes a few seconds) and stopped
	 * when the JVM exits.
	 * @return the running cluster
	 * @throws IllegalStateException if the binaries are missing or the cluster does not start; the
	 * message carries the failing command's output or the tail of the server log
	 */
	public static synchronized PostgresReplicaCluster shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	private static PostgresReplicaCluster start() {
		if (!Files.isExecutable(Path.of(BIN_DIRECTORY, "initdb"))
				|| !Files.isExecutable(Path.of(BIN_DIRECTORY, "pg_ctl"))
				|| !Files.isExecutable(Path.of(BIN_DIRECTORY, "pg_basebackup"))) {
			throw new IllegalStateException("PostgreSQL 15 binaries (initdb, pg_ctl, pg_basebackup) not found in "
					+ BIN_DIRECTORY + "; install postgresql-15 to run the replica tests");
		}
		PostgresReplicaCluster cluster;
		try {
			Path directory = Files.createTempDirectory(Path.of("/tmp"), "async-orm-replica");
			int[] ports = freePorts();
			cluster = new PostgresReplicaCluster(directory, ports[0], ports[1]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the replica cluster directory", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy, "postgres-replica-cluster-stop"));
		try {
			cluster.initialize();
		}
		catch (RuntimeException ex) {
			cluster.destroy();
			throw ex;
		}
		return cluster;
	}

	private static int[] freePorts() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocket first = new ServerSocket(0, 1, loopback);
				ServerSocket second = new ServerSocket(0, 1, loopback)) {
			return new int[] { first.getLocalPort(), second.getLocalPort() };
		}
	}

	private void initialize() {
		try {
			if (this.asRoot) {
				UserPrincipal postgres = this.directory.getFileSystem()
					.getUserPrincipalLookupService()
					.lookupPrincipalByName(USER);
				Files.setOwner(this.directory, postgres);
			}
			Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwx------"));
			run(bin("initdb"), "-D", this.primaryData.toString(), "-U", USER, "--auth=trust");
			append(this.primaryData.resolve("postgresql.conf"), "port = " + this.primaryPort,
					"listen_addresses = '127.0.0.1'", "unix_socket_directories = '" + this.directory + "'",
					"wal_level = replica", "max_wal_senders = 5", "hot_standby = on", "fsync = off");
			append(this.primaryData.resolve("pg_hba.conf"), "host replication postgres 127.0.0.1/32 trust");
			startServer(this.primaryData, this.primaryLog);
			try (Connection connection = connect(url(this.primaryPort, "postgres"));
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + DATABASE);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Could not create database " + DATABASE + " on the primary: "
						+ ex.getMessage() + logTail(this.primaryLog), ex);
			}
			// A fast checkpoint: the default spread one is paced over checkpoint_timeout and takes
			// minutes after "create database" has dirtied the buffers.
			run(bin("pg_basebackup"), "-h", "127.0.0.1", "-p", Integer.toString(this.primaryPort), "-U", USER,
					"-D", this.standbyData.toString(), "-R", "-X", "stream", "-c", "fast");
			Files.setPosixFilePermissions(this.standbyData, PosixFilePermissions.fromString("rwx------"));
			append(this.standbyData.resolve("postgresql.conf"), "port = " + this.standbyPort);
			startServer(this.standbyData, this.standbyLog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not set up the replica cluster in " + this.directory, ex);
		}
	}

	/**
	 * The JDBC URL of database {@code test} on the primary.
	 * @return {@code jdbc:postgresql://127.0.0.1:PORT/test}
	 */
	public String primaryUrl() {
		return url(this.primaryPort, DATABASE);
	}

	/**
	 * The JDBC URL of database {@code test} on the standby.
	 * @return {@code jdbc:postgresql://127.0.0.1:PORT/test}
	 */
	public String standbyUrl() {
		return url(this.standbyPort, DATABASE);
	}

	/**
	 * The loopback port of the primary.
	 * @return the port
	 */
	public int primaryPort() {
		return this.primaryPort;
	}

	/**
	 * The loopback port of the standby.
	 * @return the port
	 */
	public int standbyPort() {
		return this.standbyPort;
	}

	/**
	 * Waits until the standby has replayed everything the primary had written when this method was
	 * called, polling every 20 ms for up to 10 seconds. A standby that cannot be reached is retried
	 * until the deadline.
	 * @throws IllegalStateException if the standby has not caught up in time; the message carries
	 * the primary's LSN and the standby's last replayed LSN
	 */
	public void awaitReplay() {
		String target;
		try (Connection primary = connect(primaryUrl());
				Statement statement = primary.createStatement();
				ResultSet result = statement.executeQuery("select pg_current_wal_lsn()::text")) {
			result.next();
			target = result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the primary's WAL position: " + ex.getMessage()
					+ logTail(this.primaryLog), ex);
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLAY_TIMEOUT_MILLIS);
		String replayed = null;
		SQLException lastFailure = null;
		while (true) {
			try (Connection standby = connect(standbyUrl());
					PreparedStatement statement = standby.prepareStatement(
							"select pg_last_wal_replay_lsn()::text, coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, false)")) {
				statement.setString(1, target);
				while (true) {
					try (ResultSet result = statement.executeQuery()) {
						result.next();
						replayed = result.getString(1);
						if (result.getBoolean(2)) {
							return;
						}
					}
					if (System.nanoTime() > deadline) {
						break;
					}
					pause();
				}
			}
			catch (SQLException ex) {
				lastFailure = ex;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The standby did not replay up to the primary's LSN " + target
						+ " within " + REPLAY_TIMEOUT_MILLIS + " ms; last replayed LSN " + replayed
						+ ((lastFailure != null) ? "; last error: " + lastFailure.getMessage() : "")
						+ logTail(this.standbyLog), lastFailure);
			}
			pause();
		}
	}

	/**
	 * Stops the standby ({@code pg_ctl stop -m fast}, waiting until it is down), to simulate a
	 * replica outage.
	 * @throws IllegalStateException if it does not stop
	 */
	public synchronized void stopStandby() {
		run(bin("pg_ctl"), "-D", this.standbyData.toString(), "-m", "fast", "-w", "stop");
	}

	/**
	 * Starts the standby again after {@link #stopStandby()}, waiting until it accepts connections;
	 * it then catches up with the primary by streaming.
	 * @throws IllegalStateException if it does not start; the message carries the log tail
	 */
	public synchronized void startStandby() {
		startServer(this.standbyData, this.standbyLog);
	}

	/**
	 * Whether the standby's postmaster is running, as {@code pg_ctl status} reports it.
	 * @return {@code true} if it runs
	 */
	public synchronized boolean standbyRunning() {
		return execute(List.of(bin("pg_ctl"), "-D", this.standbyData.toString(), "status")).exitCode() == 0;
	}

	private void startServer(Path data, Path log) {
		try {
			run(bin("pg_ctl"), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60", "start");
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(ex.getMessage() + logTail(log), ex);
		}
	}

	private synchronized void destroy() {
		for (Path data : List.of(this.standbyData, this.primaryData)) {
			if (Files.exists(data.resolve("postmaster.pid"))) {
				try {
					execute(List.of(bin("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
				}
				catch (RuntimeException ex) {
					System.err.println("Could not stop the server in " + data + ": " + ex.getMessage());
				}
			}
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("Could not delete " + this.directory + ": " + ex.getMessage());
		}
	}

	private void run(String... command) {
		Result result = execute(List.of(command));
		if (result.exitCode() != 0) {
			throw new IllegalStateException("Command " + String.join(" ", command) + " failed with exit code "
					+ result.exitCode() + ":\n" + result.output());
		}
	}

	private synchronized Result execute(List<String> command) {
		List<String> full = new ArrayList<>();
		if (this.asRoot) {
			full.addAll(List.of("runuser", "-u", USER, "--"));
		}
		full.addAll(command);
		Path output = this.directory.resolve("command-" + (++this.commands) + ".out");
		try {
			// Output goes to a file, not a pipe: pg_ctl start leaves a postmaster behind that must
			// not hold our end open.
			Process process = new ProcessBuilder(full).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new IllegalStateException("Command " + String.join(" ", full) + " did not finish within "
						+ COMMAND_TIMEOUT_SECONDS + " s:\n" + read(output));
			}
			return new Result(process.exitValue(), read(output));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", full), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + String.join(" ", full), ex);
		}
		finally {
			try {
				Files.deleteIfExists(output);
			}
			catch (IOException ex) {
				// Left for the shutdown hook to delete with the directory.
			}
		}
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "(could not read " + file + ": " + ex.getMessage() + ")";
		}
	}

	private static String logTail(Path log) {
		try {
			if (!Files.exists(log)) {
				return "\n(no log at " + log + ")";
			}
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
			return "\nLast lines of " + log + ":\n" + String.join("\n", tail);
		}
		catch (IOException ex) {
			return "\n(could not read " + log + ": " + ex.getMessage() + ")";
		}
	}

	private static void append(Path file, String... lines) throws IOException {
		Files.writeString(file, "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
				StandardOpenOption.APPEND);
	}

	private static String bin(String program) {
		return BIN_DIRECTORY + "/" + program;
	}

	private static String url(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	private static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, USER, "");
	}

	private static void pause() {
		try {
			Thread.sleep(REPLAY_POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the standby to replay", ex);
		}
	}

	private record Result(int exitCode, String output) {
	}

}
