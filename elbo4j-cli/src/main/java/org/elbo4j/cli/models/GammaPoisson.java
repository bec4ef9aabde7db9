package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.Gamma;
import org.elbo4j.distributions.Poisson;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;

/**
 * The conjugate Gamma–Poisson model: lambda ~ gamma(2, 1), y ~ poisson(lambda); the posterior is
 * gamma(2 + Σy, 1 + N).
 */
final class GammaPoisson implements BuiltinModel {
    @Override
    public String name() {
        return "gamma_poisson";
    }

    @Override
    public String description() {
        return "Conjugate Gamma–Poisson rate (exact posterior known), N=25";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/gamma_poisson.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int n = d.requireInt("N");
        Tensor y = Data.intVector(d, "y", n, 0, Integer.MAX_VALUE);
        Gamma prior = Gamma.of(2, 1);
        return s -> {
            Tensor lambda = s.sample("lambda", prior);
            s.observe("y", Poisson.of(lambda), y);
        };
    }
}
