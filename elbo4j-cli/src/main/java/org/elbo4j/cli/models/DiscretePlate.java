package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Plate;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * A discrete latent inside a plate: mu ~ normal(0, 2); for each of N points z_i ~ bernoulli(0.3),
 * y_i ~ normal(mu + 2 z_i, 1). An auto-guide cannot fit it (z is discrete), so it ships a hand-written guide:
 * q(mu) = normal(mu_loc, mu_scale), q(z_i) = bernoulli_logit(z_logits[i]). It is the model on which
 * {@code elbo4j gradients} shows the score-function estimator Rao–Blackwellised by plate (docs/discrete.md).
 */
final class DiscretePlate implements BuiltinModel {
    @Override
    public String name() {
        return "discrete_plate";
    }

    @Override
    public String description() {
        return "Bernoulli latent per point in a plate of N=100, hand-written guide (gradients only)";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/discrete_plate.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor y = Data.vector(d, "y", n);
        Normal prior = Normal.of(0, 2);
        Bernoulli pz = Bernoulli.ofProbs(0.3);
        Tensor one = Tensor.scalar(1.0);
        return s -> {
            Tensor mu = s.sample("mu", prior);
            try (Plate p = s.plate("data", n)) {
                Tensor z = s.sample("z", pz);
                s.observe("y", Normal.of(mu.add(z.mul(2.0)), one), y);
            }
        };
    }

    @Override
    public Model guide(StanJsonData d) {
        int n = d.requireInt("N");
        return s -> {
            Tensor loc = s.param("mu_loc", Tensor.scalar(0.0));
            Tensor scale = s.param("mu_scale", Tensor.scalar(1.0), Constraints.POSITIVE);
            s.sample("mu", Normal.of(loc, scale));
            Tensor logits = s.param("z_logits", Tensor.zeros(n));
            try (Plate p = s.plate("data", n)) {
                s.sample("z", Bernoulli.ofLogits(logits));
            }
        };
    }
}
