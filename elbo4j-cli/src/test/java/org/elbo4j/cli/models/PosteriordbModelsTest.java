package org.elbo4j.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.elbo4j.cli.TestData;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The posteriordb ports are Stan's models: on the unconstrained scale, their log density
 * ({@link AutoGuide#logDensity}: log p(data, T(u)) + log|J_T(u)|) must equal Stan's up to a constant. The reference is
 * {@code stan_log_density.json}, written by {@code elbo4j-bench/peers/stan_log_density.R} (rstan 2.21
 * {@code log_prob(fit, u, adjust_transform = TRUE)} on the peers' Stan ports of each model.stan) at u = 0 and four
 * points u ~ uniform(−2, 2)^D. Differences lp(u_i) − lp(u_0) are compared, so Stan's dropped constants cancel; the
 * latent sites must come in Stan's declaration order with Stan's transforms, or the values differ.
 *
 * <p>Tolerance: both sides sum up to 5,000·25 double terms of size up to |lp| ≈ 10⁶ at these points; 1e-9 relative
 * to the largest |lp| of the pair is 10⁴ times the rounding of such sums, far below any modelling difference
 * (a dropped constant like log 2 would be 0.69).
 */
class PosteriordbModelsTest {
    static final double REL_TOL = 1e-9;

    /** The ten posteriors of posteriordb, each with the number of parameters its reference.json reports. */
    static Stream<Arguments> posteriors() {
        return Stream.of(
                Arguments.of("eight_schools-eight_schools_noncentered", 10),
                Arguments.of("kidiq-kidscore_momiq", 3),
                Arguments.of("earnings-logearn_height", 3),
                Arguments.of("mesquite-logmesquite_logvolume", 3),
                Arguments.of("arK-arK", 7),
                Arguments.of("sblrc-blr", 6),
                Arguments.of("diamonds-diamonds", 26),
                Arguments.of("low_dim_gauss_mix-low_dim_gauss_mix", 5),
                Arguments.of("garch-garch11", 4),
                Arguments.of("nes1972-nes", 10));
    }

    /** The sweep below covers every posterior of the fixtures' index.json and every one of stan_log_density.json. */
    @Test
    void theSweepCoversEveryPosterior() throws Exception {
        List<String> swept = posteriors().map(a -> (String) a.get()[0]).sorted().toList();
        List<String> indexed = new ArrayList<>();
        new ObjectMapper()
                .readTree(TestData.posteriordb().resolve("index.json").toFile())
                .forEach(p -> indexed.add(p.get("posterior").asText()));
        List<String> stan = new ArrayList<>();
        stanLogDensity().get("posteriors").fieldNames().forEachRemaining(stan::add);
        assertEquals(swept, indexed.stream().sorted().toList(), "index.json");
        assertEquals(swept, stan.stream().sorted().toList(), "stan_log_density.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posteriors")
    void logDensitiesMatchStanUpToAConstant(String posterior, int nReference) throws Exception {
        JsonNode e = stanLogDensity().get("posteriors").get(posterior);
        Model model = model(posterior);
        AutoGuide g = AutoGuide.meanField(model);
        JsonNode u = e.get("upars"), lp = e.get("lp");
        assertEquals(e.get("dim").asInt(), g.dim(), posterior + ": unconstrained dimension");
        double ours0 = g.logDensity(Tensor.of(row(u.get(0)))).item(),
                stan0 = lp.get(0).asDouble();
        int checked = 0;
        for (int i = 1; i < u.size(); i++) {
            double ours = g.logDensity(Tensor.of(row(u.get(i)))).item(),
                    stan = lp.get(i).asDouble();
            double scale = Math.max(
                    1, Math.max(Math.max(Math.abs(ours), Math.abs(ours0)), Math.max(Math.abs(stan), Math.abs(stan0))));
            assertEquals(stan - stan0, ours - ours0, REL_TOL * scale, posterior + ": lp(u_" + i + ") - lp(u_0)");
            checked++;
        }
        assertEquals(4, checked, posterior + ": every point");
    }

    /** Every parameter that reference.json reports is a named output of the model (latent or deterministic). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("posteriors")
    void outputsNameEveryReferenceParameter(String posterior, int nReference) throws Exception {
        Model model = model(posterior);
        List<String> names = new ArrayList<>();
        for (var s : org.elbo4j.infer.Svi.of(model, AutoGuide.meanField(model))
                .seed(1)
                .run(org.elbo4j.infer.Stop.after(1))
                .draws(1, 1)
                .quantities()) {
            names.addAll(Fit.elementNames(s.name(), s.dims()));
        }
        JsonNode refParams = new ObjectMapper()
                .readTree(TestData.posteriordb()
                        .resolve(posterior)
                        .resolve("reference.json")
                        .toFile())
                .get("parameters");
        int checked = 0;
        for (Iterator<String> it = refParams.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            assertTrue(names.contains(name), posterior + ": no output named " + name + " in " + names);
            checked++;
        }
        assertEquals(nReference, checked, posterior + ": reference parameters");
    }

    private static JsonNode stanLogDensity() throws Exception {
        try (InputStream in = PosteriordbModelsTest.class.getResourceAsStream("stan_log_density.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Model model(String posterior) throws Exception {
        String name = posterior.substring(posterior.indexOf('-') + 1);
        return Models.get(name)
                .build(StanJsonData.read(TestData.posterior(posterior).resolve("data.json")));
    }

    private static double[] row(JsonNode a) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).asDouble();
        return r;
    }
}
