package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code ./elbo4j ...} line of the README's {@code ```bash} blocks in-process and expects exit status 0.
 * Sizes are made small where a flag allows (fewer epochs, images, replicates, steps, posteriors: {@link #small}); {@code runs/...} goes
 * to a temporary directory. A line that needs {@code ../shared/data} is skipped with a printed reason when that
 * directory is absent, except under CI ({@code CI=true}), where its absence fails the test.
 */
class ReadmeCommandsTest {

    @Test
    void everyReadmeCommandRuns(@TempDir Path tmp) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent(); // surefire runs in the module directory
        }
        List<String> lines = commands(Files.readString(root.resolve("README.md")));
        assertTrue(lines.size() >= 10, "commands found: " + lines);
        Path shared = root.resolve("../shared").normalize();
        boolean ci = "true".equals(System.getenv("CI"));
        int ran = 0;
        double seconds = 0;
        for (String line : lines) {
            if (line.contains("../shared/") && !Files.isDirectory(shared.resolve("data"))) {
                assertFalse(ci, "CI=true and " + shared + "/data is missing, needed by: " + line);
                System.out.println("ReadmeCommandsTest: skipped (no " + shared + "/data): " + line);
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String w : line.substring("./elbo4j".length()).trim().split("\\s+")) {
                String a = w.replace("../shared/", shared + "/").replace("runs/", tmp + "/runs/");
                if (a.startsWith("examples/")) {
                    a = root.resolve(a).toString();
                }
                args.addAll(glob(a));
            }
            small(args);
            if (args.get(0).equals("check") && !args.contains("--out")) {
                // check writes ./elbo4j-check by default: keep the working tree clean
                args.addAll(List.of("--out", tmp + "/runs/check"));
            }
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            long t0 = System.nanoTime();
            int status = Main.execute(
                    args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
            assertEquals(0, status, line + "\nran as: " + args + "\nstderr: " + e + "\nstdout: " + o);
            ran++;
            seconds += (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("ReadmeCommandsTest: ran %d of %d README commands in %.0f s%n", ran, lines.size(), seconds);
    }

    /** The {@code ./elbo4j} lines (not other launchers such as {@code ./elbo4j-spark-demo}) of the {@code ```bash} blocks, comments removed. */
    static List<String> commands(String readme) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : readme.split("\\R")) {
            if (l.startsWith("```")) {
                in = !in && l.equals("```bash");
                continue;
            }
            if (in && (l.startsWith("./elbo4j ") || l.equals("./elbo4j"))) { // not ./elbo4j-spark-demo
                out.add(l.replaceAll("\\s+#\\s.*$", "").strip());
            }
        }
        return out;
    }

    /** Expands a trailing {@code dir/*}{@code /} as the shell would (sorted). */
    private static List<String> glob(String a) throws Exception {
        if (!a.endsWith("/*/")) {
            return List.of(a);
        }
        try (Stream<Path> s = Files.list(Path.of(a.substring(0, a.length() - 3)))) {
            return s.filter(Files::isDirectory).map(p -> p + "/").sorted().toList();
        }
    }

    /** Small sizes where a flag allows: the commands' behaviour, not their full cost. */
    static void small(List<String> a) {
        String cmd = a.get(0);
        switch (cmd) {
            case "vae" -> {
                set(a, "--epochs", a.contains("--resume") ? "2" : "1");
                set(a, "--is-samples", "5");
                set(a, "--train", "500"); // of the 10,000 embedded digits; the rest is the test set
                set(a, "--hidden", "50");
                set(a, "--batch", "250");
            }
            case "gradients" -> {
                set(a, "--replicates", "50");
                set(a, "--fit-steps", "200");
            }
            case "check" -> {
                set(a, "--restarts", "1");
                set(a, "--explore-steps", "300");
                set(a, "--anneal-steps", "100");
                set(a, "--draws", "200");
                // one posterior of a glob is enough to run the command
                while (a.size() > 2 && a.get(2).endsWith("/") && !a.get(2).startsWith("--")) {
                    a.remove(2);
                }
            }
            case "cavi" -> {
                if (a.contains("--svi")) {
                    set(a, "--svi-steps", "300");
                    set(a, "--svi-draws", "500");
                }
            }
            case "fit" -> {} // the default recipe, as a user runs it (a few seconds on the README's models)
            default -> {}
        }
        if (cmd.equals("fit") || cmd.equals("vae")) {
            a.add("-q");
        }
    }

    private static void set(List<String> a, String option, String value) {
        int i = a.indexOf(option);
        if (i >= 0) {
            a.set(i + 1, value);
        } else {
            a.addAll(Arrays.asList(option, value));
        }
    }
}
