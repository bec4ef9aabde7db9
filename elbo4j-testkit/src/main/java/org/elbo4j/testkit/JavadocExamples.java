package org.elbo4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The javadoc examples of a source tree ({@code <pre>{@code ...}</pre>} blocks) and the check that each one appears,
 * line for line, in a test, so that every example is compiled and run and cannot drift from the code.
 *
 * <p>The example and the test are compared with all white space removed: a test indents the example inside a method,
 * and the formatter may lay its lines out differently, but every token must be there, in order.
 * Blocks that are shell commands (first line starting with {@code ./elbo4j}, {@code mvn} or {@code java}) are not
 * Java and are left out; so are Stan programs (first line opening a Stan program block such as <code>data {</code>,
 * <code>parameters {</code> or <code>model {</code>, which need {@code {@code}} for their {@code <lower=0>}) and
 * {@code <pre>} blocks without {@code {@code}}, which hold Stan programs and pseudo-code.
 */
public final class JavadocExamples {
    private static final Pattern BLOCK = Pattern.compile("<pre>\\s*\\{@code(.*?)\\}\\s*</pre>", Pattern.DOTALL);
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");
    private static final Pattern SHELL = Pattern.compile("^(\\./elbo4j|mvn|java)\\b.*");
    private static final Pattern STAN = Pattern.compile(
            "^(functions|data|transformed\\s+data|parameters|transformed\\s+parameters|model|generated\\s+quantities)"
                    + "\\s*\\{.*");

    private JavadocExamples() {}

    /**
     * A javadoc example.
     *
     * @param file  the source file
     * @param line  the line of its {@code <pre>}
     * @param lines its code lines, trimmed, without empty lines
     */
    public record Example(Path file, int line, List<String> lines) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /**
     * The Java examples of every {@code .java} file under a directory.
     *
     * @param sourceRoot e.g. {@code src/main/java}
     * @return the examples, in file order
     */
    public static List<Example> find(Path sourceRoot) {
        List<Example> out = new ArrayList<>();
        for (Path f : javaFiles(sourceRoot)) {
            String s = read(f);
            Matcher m = BLOCK.matcher(s);
            while (m.find()) {
                List<String> lines = new ArrayList<>();
                for (String l : m.group(1).split("\n")) {
                    String t = l.strip();
                    if (t.startsWith("*")) {
                        t = t.substring(1).strip();
                    }
                    if (!t.isEmpty()) {
                        lines.add(t);
                    }
                }
                if (!lines.isEmpty() && !SHELL.matcher(lines.get(0)).matches() && !isStan(lines.get(0))) {
                    out.add(new Example(f, s.substring(0, m.start()).split("\n", -1).length, lines));
                }
            }
        }
        return out;
    }

    /**
     * The examples that appear in no test file under {@code testRoot}.
     *
     * @param examples from {@link #find}
     * @param testRoot e.g. {@code src/test/java}
     * @return the examples not found (empty when all are tested)
     */
    public static List<Example> untested(List<Example> examples, Path testRoot) {
        List<String> tests = new ArrayList<>();
        for (Path f : javaFiles(testRoot)) {
            tests.add(squeeze(read(f)));
        }
        List<Example> missing = new ArrayList<>();
        for (Example e : examples) {
            String code = squeeze(String.join("\n", e.lines()));
            if (tests.stream().noneMatch(t -> t.contains(code))) {
                missing.add(e);
            }
        }
        return missing;
    }

    /** The text without white space: a test's copy may be laid out differently (the formatter) but not differ. */
    private static String squeeze(String text) {
        return WHITE_SPACE.matcher(text).replaceAll("");
    }

    /**
     * Whether a block's first line opens a Stan program block (<code>data {</code>, <code>model {</code>, ...): not Java.
     *
     * @param firstLine the block's first code line, trimmed
     * @return true for a Stan program
     */
    public static boolean isStan(String firstLine) {
        return STAN.matcher(firstLine).matches();
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root.toString(), e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(f.toString(), e);
        }
    }
}
