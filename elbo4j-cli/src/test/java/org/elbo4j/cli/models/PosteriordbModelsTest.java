package org.elbo4j.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.elbo4j.cli.TestData;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

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

    @Test
    void logDensitiesMatchStanUpToAConstant() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("stan_log_density.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        Path pdb = TestData.dir().resolve("posteriordb");
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("posteriors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String posterior = e.getKey();
            Model model = model(pdb, posterior);
            AutoGuide g = AutoGuide.meanField(model);
            JsonNode u = e.getValue().get("upars"), lp = e.getValue().get("lp");
            assertEquals(e.getValue().get("dim").asInt(), g.dim(), posterior + ": unconstrained dimension");
            double ours0 = g.logDensity(Tensor.of(row(u.get(0)))).item(), stan0 = lp.get(0).asDouble();
            for (int i = 1; i < u.size(); i++) {
                double ours = g.logDensity(Tensor.of(row(u.get(i)))).item(), stan = lp.get(i).asDouble();
                double scale = Math.max(1, Math.max(Math.max(Math.abs(ours), Math.abs(ours0)), Math.max(Math.abs(stan), Math.abs(stan0))));
                assertEquals(stan - stan0, ours - ours0, REL_TOL * scale, posterior + ": lp(u_" + i + ") - lp(u_0)");
                checked++;
            }
        }
        assertEquals(10 * 4, checked, "every posterior at every point");
    }

    /** Every parameter that reference.json reports is a named output of the model (latent or deterministic). */
    @Test
    void outputsNameEveryReferenceParameter() throws Exception {
        Path pdb = TestData.dir().resolve("posteriordb");
        JsonNode index = new ObjectMapper().readTree(pdb.resolve("index.json").toFile());
        int checked = 0;
        for (JsonNode p : index) {
            String posterior = p.get("posterior").asText();
            Model model = model(pdb, posterior);
            List<String> names = new ArrayList<>();
            for (var s : org.elbo4j.infer.Svi.of(model, AutoGuide.meanField(model)).seed(1).run(org.elbo4j.infer.Stop.after(1))
                    .draws(1, 1).quantities()) {
                names.addAll(Fit.elementNames(s.name(), s.dims()));
            }
            JsonNode refParams = new ObjectMapper().readTree(pdb.resolve(posterior).resolve("reference.json").toFile()).get("parameters");
            for (Iterator<String> it = refParams.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                assertTrue(names.contains(name), posterior + ": no output named " + name + " in " + names);
                checked++;
            }
        }
        assertEquals(10 + 3 + 3 + 3 + 7 + 6 + 26 + 5 + 4 + 10, checked, "reference parameters of the ten posteriors");
    }

    private static Model model(Path pdb, String posterior) throws Exception {
        String name = posterior.substring(posterior.indexOf('-') + 1);
        return Models.get(name).build(StanJsonData.read(pdb.resolve(posterior).resolve("data.json")));
    }

    private static double[] row(JsonNode a) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).asDouble();
        return r;
    }
}
