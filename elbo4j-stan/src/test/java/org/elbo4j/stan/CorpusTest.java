package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.stan.check.Signatures;
import org.elbo4j.stan.parse.Parser;
import org.elbo4j.stan.parse.Source;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The posteriordb corpus ({@code ../shared/data/posteriordb-all}, or {@code $ELBO4J_DATA/posteriordb-all}): every
 * program parses; with the function library on the classpath, at least the measured number of programs
 * type-check and of posteriors give a finite log density and gradient at uniform(−2, 2) inits. Skipped (with the
 * reason) when the corpus is missing, unless CI=true, where that fails.
 */
class CorpusTest {
    /** Measured with {@code Coverage} (see docs/stan.md); raise them as coverage grows. */
    static final int MIN_PROGRAMS_CHECKED = 106, MIN_POSTERIORS_RUNNING = 132;

    private static Path corpus() {
        return org.elbo4j.testkit.SharedData.require("posteriordb-all");
    }

    @Test
    void everyProgramParses() throws IOException {
        Path dir = corpus();
        int n = 0;
        try (var s = Files.list(dir)) {
            for (Path p : s.filter(q -> Files.exists(q.resolve("model.stan"))).toList()) {
                Parser.parse(new Source(p.getFileName() + "/model.stan", Files.readString(p.resolve("model.stan"))));
                n++;
            }
        }
        assertTrue(n >= 130, "posteriors found: " + n);
    }

    @Test
    void programsTypeCheckAndPosteriorsRun() throws IOException {
        Path dir = corpus();
        Assumptions.assumeTrue(
                Signatures.standard().origin().equals(Signatures.RESOURCE),
                "the function library (org/elbo4j/stan/functions/signatures.txt) is not on the classpath: "
                        + Signatures.standard().origin());
        int[] pc = Coverage.programCounts(dir);
        assertTrue(
                pc[1] >= MIN_PROGRAMS_CHECKED,
                pc[1] + " of " + pc[0] + " programs type-check, expected >= " + MIN_PROGRAMS_CHECKED);
        List<Coverage.Row> rows = Coverage.run(dir);
        long runs = rows.stream().filter(Coverage.Row::runs).count();
        StringBuilder why = new StringBuilder();
        for (Coverage.Row r : rows)
            if (!r.runs()) why.append("\n  ").append(r.posterior()).append(": ").append(r.why());
        assertTrue(
                runs >= MIN_POSTERIORS_RUNNING,
                runs + " of " + rows.size() + " posteriors run, expected >= " + MIN_POSTERIORS_RUNNING
                        + "; not running:" + why);
        assertEquals(
                rows.size(),
                rows.stream().filter(r -> r.parses() || !r.why().isEmpty()).count());
    }
}
