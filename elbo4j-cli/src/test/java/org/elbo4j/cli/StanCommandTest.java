package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elbo4j stan} and {@code elbo4j fit model.stan} end to end (issue 11), through Main.execute. */
class StanCommandTest {
    // Only operators, so the test needs no function library: y_i ~ N(mu, 1) written out, sigma > 0 with a
    // half-normal prior written out, and a generated quantity.
    static final String PROGRAM = """
      data { int<lower=1> N; vector[N] y; }
      parameters { real mu; real<lower=0> sigma; }
      model {
        target += -0.5 * (y - mu)' * (y - mu);
        target += -0.5 * sigma ^ 2;
      }
      generated quantities { real twice = 2 * mu; }
      """;
    static final String DATA = "{\"N\": 4, \"y\": [0.5, 1.5, 0.5, 1.5]}";

    @Test
    void describesTheProgram(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(dir.resolve("m.stan"), PROGRAM);
        Path d = Files.writeString(dir.resolve("d.json"), DATA);
        FitCommandTest.Run r = FitCommandTest.run("stan", p.toString(), "--data", d.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("parses and type-checks"), r.out());
        assertTrue(r.out().matches("(?s).*sigma\\s+real<lower=0>\\s+shape scalar\\s+unconstrained 1.*"), r.out());
        assertTrue(r.out().contains("unconstrained size: 2"), r.out());
        assertTrue(r.out().contains("twice"), r.out());
    }

    @Test
    void fitsAStanProgramUnderStanNames(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(dir.resolve("m.stan"), PROGRAM);
        Path d = Files.writeString(dir.resolve("d.json"), DATA);
        Path out = dir.resolve("out");
        FitCommandTest.Run r = FitCommandTest.run(
                "fit",
                p.toString(),
                "--fast",
                "--data",
                d.toString(),
                "--out",
                out.toString(),
                "--steps",
                "2000",
                "--draws",
                "200");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sigma"), r.out());
        assertTrue(r.out().contains("twice"), r.out());
        assertFalse(r.out().contains("__free"), r.out());
        List<String> csv = Files.readAllLines(out.resolve("draws.csv"));
        String header = csv.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertTrue(header.contains("mu") && header.contains("sigma") && header.contains("twice"), header);
        assertFalse(header.contains("__free"), header);
    }

    @Test
    void syntaxErrorShowsLineAndCaretWithStatusOne(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(dir.resolve("bad.stan"), "data {\n  int N;\n  real y[N];\n}\n");
        FitCommandTest.Run r = FitCommandTest.run("stan", p.toString());
        assertEquals(1, r.code());
        assertTrue(
                r.err()
                        .contains(
                                "bad.stan:3:9: syntax error: old array syntax is no longer valid: write 'array[N] real y;'"),
                r.err());
        assertTrue(r.err().contains("      real y[N];\n            ^"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void dataErrorNamesTheVariable(@TempDir Path dir) throws Exception {
        Path p = Files.writeString(dir.resolve("m.stan"), PROGRAM);
        Path d = Files.writeString(dir.resolve("d.json"), "{\"N\": 5, \"y\": [1, 2]}");
        FitCommandTest.Run r = FitCommandTest.run("fit", p.toString(), "--data", d.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("data 'y': declared vector[N] with N = 5, found 2 values"), r.err());
    }
}
