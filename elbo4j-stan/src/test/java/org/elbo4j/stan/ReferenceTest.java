package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * elbo4j's log density and gradient against rstan 2.21's {@code log_prob(upars, adjust_transform = TRUE)} and
 * {@code grad_log_prob} at the committed reference points: equal up to one additive constant, to 1e-8 relative
 * (relative to max(1, |log p|) and to max(1, max |gradient|)). Programs that solve an ODE are compared to
 * {@link #ODE_TOL}: both sides integrate numerically, Stan 2.21 with relative and absolute tolerances of 1e-6
 * (its {@code integrate_ode_*} defaults) and elbo4j with 1e-8, so they agree only to about Stan's tolerance
 * (one_comp_mm_elim_abs: 9.6e-7 in the log density, 2.7e-7 in the gradient).
 */
class ReferenceTest {
    static final double TOL = 1e-8;
    static final double ODE_TOL = 1e-5;

    /** A posterior has one reference file: {@code NAME.json} or {@code NAME.json.gz}, not both. */
    @Test
    void onePlainOrGzippedFilePerPosterior() throws IOException, URISyntaxException {
        Path refs = Path.of(getClass().getResource("/org/elbo4j/stan/reference").toURI());
        Set<String> seen = new HashSet<>();
        try (var s = Files.list(refs)) {
            for (Path p : (Iterable<Path>) s.filter(Reference::isReferenceFile)::iterator) {
                assertTrue(seen.add(Reference.posteriorOf(p)), "two reference files for " + Reference.posteriorOf(p));
            }
        }
        assertTrue(seen.size() >= 107, "reference files: " + seen.size());
    }

    @TestFactory
    Stream<DynamicTest> logDensitiesAndGradientsMatchStan() throws IOException, URISyntaxException {
        Path refs = Path.of(getClass().getResource("/org/elbo4j/stan/reference").toURI());
        Path corpus = org.elbo4j.testkit.SharedData.require("posteriordb-all");
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(refs)) {
            s.filter(Reference::isReferenceFile).sorted().forEach(files::add);
        }
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    Reference r = Reference.read(f);
                    assertTrue(r.upars().size() >= 3, "at least 3 points in " + f);
                    Path dir = corpus.resolve(r.posterior());
                    StanModel m = StanProgram.parse(dir.resolve("model.stan"))
                            .instantiate(StanData.read(dir.resolve("data.json")));
                    Reference.Comparison c = r.compare(m);
                    boolean ode = Files.readString(dir.resolve("model.stan"))
                            .matches("(?s).*\\b(integrate_)?ode_\\w+\\s*\\(.*");
                    assertTrue(
                            c.within(ode ? ODE_TOL : TOL),
                            r.posterior() + ": log density error " + c.logDensityError() + ", gradient error "
                                    + c.gradientError());
                }));
    }
}
