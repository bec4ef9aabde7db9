package org.elbo4j.stan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.junit.jupiter.api.Test;

/** A Stan program fitted by the existing SVI machinery through {@link StanModel#asModel()}. */
class StanSviTest {
    @Test
    void fitsNormalMeanUnderStanNames() {
        // y_i ~ N(mu, 1), flat prior: the posterior of mu is N(mean(y), 1/n) = N(1.0, 0.1^2) with n = 100
        StringBuilder ys = new StringBuilder();
        for (int i = 0; i < 100; i++) ys.append(i > 0 ? "," : "").append(i % 2 == 0 ? 0.5 : 1.5);
        StanModel m = StanProgram.parse("""
                data { int N; vector[N] y; }
                parameters { real mu; real<lower=0> s; }
                model { y ~ normal(mu, 1); s ~ normal(0, 1); }
                generated quantities { real twice = 2 * mu; }
                """, "normal.stan")
                .instantiate(StanData.parse("{\"N\": 100, \"y\": [" + ys + "]}", "d.json"));
        Model model = m.asModel();
        Fit fit = Svi.of(model, AutoGuide.meanField(model)).seed(1).run(Stop.after(3000));
        Draws d = fit.draws(2000, 2);
        double[] mu = d.column("mu");
        double mean = 0;
        for (double v : mu) mean += v / mu.length;
        // exact posterior mean 1.0, sd 0.1; a mean-field fit recovers it; 2000 draws: MC error of the mean ~0.002
        assertEquals(1.0, mean, 0.03);
        assertTrue(d.names().contains("s"), "constrained parameter under its Stan name: " + d.names());
        assertTrue(d.names().contains("twice"), "generated quantity in the draws: " + d.names());
        // the unconstrained helper site of s is hidden by the adapter: a library user sees Stan's names only
        assertEquals(java.util.List.of("mu", "s", "twice"), d.names());
        assertTrue(
                d.quantities().stream().noneMatch(q -> q.name().endsWith("__free")),
                d.quantities().toString());
        double[] tw = d.column("twice");
        assertEquals(2 * mu[0], tw[0], 1e-12);
    }
}
