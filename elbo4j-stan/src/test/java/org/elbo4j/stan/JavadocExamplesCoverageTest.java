package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.elbo4j.testkit.JavadocExamples;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in elbo4j-stan's javadoc ({@code <pre>{@code ...}</pre>}) appears line for line in a test
 * (the JavadocExamplesTest of its package), so every example compiles, runs and cannot drift from the code.
 */
class JavadocExamplesCoverageTest {
    /** At least this many examples (guards against a scan that finds nothing or misses most). */
    static final int EXAMPLES = 7;

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

    /** A Stan program in a {@code <pre>{@code ...}</pre>} block is not Java: it is not asked for in a test. */
    @Test
    void stanProgramsAreNotJavaExamples(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(
                dir.resolve("A.java"),
                String.join(
                        "\n",
                        "/**",
                        " * <pre>{@code",
                        " * data { int<lower=0> N; vector[N] y; }",
                        " * parameters { real mu; }",
                        " * }</pre>",
                        " * <pre>{@code",
                        " * transformed data { real s = 2; }",
                        " * }</pre>",
                        " * <pre>{@code",
                        " * StanModel m = StanProgram.parse(program, \"demo\").instantiate(StanData.empty());",
                        " * }</pre>",
                        " */",
                        "class A {}"));
        List<JavadocExamples.Example> found = JavadocExamples.find(dir);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).lines().get(0).startsWith("StanModel m"), found.toString());
        assertTrue(JavadocExamples.isStan("generated quantities {"));
        assertTrue(!JavadocExamples.isStan("Map<String, JsonValue> data = StanJson.read(file);"));
    }
}
