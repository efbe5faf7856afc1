package dev.asyncorm.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes a report to {@code <directory>/<database>-<timestamp>.md}.
 */
public final class ResultsFile {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private ResultsFile() {
	}

	/**
	 * Writes the report.
	 * @param directory the directory, created when missing
	 * @param database the database's key
	 * @param startedAt when the run started
	 * @param markdown the report
	 * @return the file written
	 */
	public static Path write(Path directory, String database, OffsetDateTime startedAt, String markdown) {
		try {
			Files.createDirectories(directory);
			return Files.writeString(directory.resolve(database + "-" + startedAt.format(TIMESTAMP) + ".md"), markdown);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
