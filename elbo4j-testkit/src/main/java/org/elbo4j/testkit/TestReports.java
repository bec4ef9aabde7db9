package org.elbo4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where tests put the tables they measure (Monte Carlo gradients, goodness-of-fit statistics, variance ratios):
 * a file per test class under {@code target/test-reports/}, so that {@code mvn -q verify} prints only failures
 * and skip reasons. With {@code -Delbo4j.printReports} the text also goes to standard output, as before:
 * {@code mvn -q test -pl elbo4j-core -Dtest=GammaTest -Delbo4j.printReports}.
 */
public final class TestReports {
    /** The system property that also prints the reports. */
    public static final String PRINT_PROPERTY = "elbo4j.printReports";

    private TestReports() {}

    /**
     * The directory of the reports: {@code target/test-reports} of the module under test.
     *
     * @return the directory (created on first write)
     */
    public static Path dir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("test-reports");
    }

    /**
     * Appends a report to {@code target/test-reports/CLASS.txt}.
     *
     * @param test the test class
     * @param text the report, one or more lines; a newline is added
     */
    public static synchronized void write(Class<?> test, String text) {
        if (System.getProperty(PRINT_PROPERTY) != null) {
            System.out.println(text);
        }
        try {
            Files.createDirectories(dir());
            Files.writeString(
                    dir().resolve(test.getName() + ".txt"),
                    text + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test report of " + test.getName() + " under " + dir(), e);
        }
    }
}
