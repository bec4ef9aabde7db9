package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * Eight schools (Rubin 1981; Gelman et al., BDA3 §5.5), as posteriordb's {@code eight_schools_noncentered} and
 * {@code eight_schools_centered}: mu ~ normal(0, 5), tau ~ cauchy(0, 5) on tau > 0, theta = mu + tau·theta_trans
 * with theta_trans ~ normal(0, 1) (non-centered) or theta ~ normal(mu, tau) (centered), y ~ normal(theta, sigma).
 * The half-Cauchy differs from Stan's truncated cauchy by the constant log 2 only.
 */
final class EightSchools implements BuiltinModel {
    private final boolean centered;

    EightSchools(boolean centered) {
        this.centered = centered;
    }

    @Override
    public String name() {
        return centered ? "eight_schools_centered" : "eight_schools_noncentered";
    }

    @Override
    public String description() {
        return "Eight schools hierarchical model (" + (centered ? "centered: funnel geometry" : "non-centered")
                + "), J=8";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/eight_schools.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int j = d.requireInt("J");
        Tensor y = Data.vector(d, "y", j);
        Tensor sigma = Data.positiveVector(d, "sigma", j);
        Normal muPrior = Normal.of(0, 5), std = Normal.standard(j);
        HalfCauchy tauPrior = HalfCauchy.of(5);
        if (centered) {
            return s -> {
                Tensor mu = s.sample("mu", muPrior);
                Tensor tau = s.sample("tau", tauPrior);
                Tensor theta =
                        s.sample("theta", Normal.of(mu.broadcastTo(sigma.shape()), tau.broadcastTo(sigma.shape())));
                s.observe("y", Normal.of(theta, sigma), y);
            };
        }
        return s -> {
            Tensor thetaTrans = s.sample("theta_trans", std);
            Tensor mu = s.sample("mu", muPrior);
            Tensor tau = s.sample("tau", tauPrior);
            Tensor theta = s.deterministic("theta", thetaTrans.mul(tau).add(mu));
            s.observe("y", Normal.of(theta, sigma), y);
        };
    }
}
