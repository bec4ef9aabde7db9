package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.elbo4j.testkit.JavadocExamples;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in elbo4j-cli's javadoc ({@code <pre>{@code ...}</pre>}; the shell commands of Main are not
 * Java) appears line for line in a test (the JavadocExamplesTest of its package), so every example compiles, runs
 * and cannot drift from the code.
 */
class JavadocExamplesCoverageTest {
    /** The number of examples (guards against a scan that finds nothing). */
    static final int EXAMPLES = 16;

    @Test
    void everyJavadocExampleRunsAsATest() {
        List<JavadocExamples.Example> examples = JavadocExamples.find(Path.of("src/main/java"));
        List<JavadocExamples.Example> untested = JavadocExamples.untested(examples, Path.of("src/test/java"));
        assertEquals(
                List.of(),
                untested,
                "javadoc examples found in no test, verbatim (copy each into its package's" + " JavadocExamplesTest)");
        assertTrue(examples.size() >= EXAMPLES, "javadoc examples in src/main/java: " + examples.size());
    }
}
