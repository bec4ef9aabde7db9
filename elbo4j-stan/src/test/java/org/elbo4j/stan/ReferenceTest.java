package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * elbo4j's log density and gradient against rstan 2.21's {@code log_prob(upars, adjust_transform = TRUE)} and
 * {@code grad_log_prob} at the committed reference points: equal up to one additive constant, to 1e-8 relative
 * (relative to max(1, |log p|) and to max(1, max |gradient|)).
 */
class ReferenceTest {
    static final double TOL = 1e-8;

    @TestFactory
    Stream<DynamicTest> logDensitiesAndGradientsMatchStan() throws IOException, URISyntaxException {
        Path refs = Path.of(getClass().getResource("/org/elbo4j/stan/reference").toURI());
        Path corpus = org.elbo4j.testkit.SharedData.require("posteriordb-all");
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(refs)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Reference r = Reference.read(f);
            assertTrue(r.upars().size() >= 3, "at least 3 points in " + f);
            Path dir = corpus.resolve(r.posterior());
            StanModel m = StanProgram.parse(dir.resolve("model.stan")).instantiate(StanData.read(dir.resolve("data.json")));
            Reference.Comparison c = r.compare(m);
            assertTrue(c.within(TOL), r.posterior() + ": log density error " + c.logDensityError() + ", gradient error " + c.gradientError());
        }));
    }
}
