package org.elbo4j.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The javadoc examples of {@code org.elbo4j.cli.ui}, verbatim, with standard error captured (the bar writes there):
 * {@code step()} stands for one step of a run and returns its ELBO.
 */
class JavadocExamplesTest {
    private int stepsTaken;

    private double step() {
        stepsTaken++;
        return -100.0 / stepsTaken;
    }

    /** Runs an example with System.err captured and returns what it printed. */
    private static String capturingStderr(Runnable example) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setErr(stderr);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void packageInfo() {
        capturingStderr(() -> {
            try (ProgressBar bar = ProgressBar.forStderr("fit", 10_000)) {
                for (int t = 1; t <= 10_000; t++) {
                    double elbo = step();
                    bar.update(t, () -> String.format("ELBO %.1f", elbo));
                }
            }
        });
        assertEquals(10_000, stepsTaken);
    }

    @Test
    void progressBar() {
        long steps = 500;
        JavadocExamplesTest svi = this;
        capturingStderr(() -> {
            try (ProgressBar bar = ProgressBar.forStderr("fit", steps)) {
                for (int t = 1; t <= steps; t++) {
                    double elbo = svi.step();
                    bar.update(t, () -> String.format("ELBO %.1f", elbo));
                }
            }
        });
        assertEquals(500, stepsTaken);
    }
}
