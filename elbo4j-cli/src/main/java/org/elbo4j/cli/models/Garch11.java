package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.distributions.ImproperUniform;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.Model;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraints;

/**
 * posteriordb's {@code garch11}: a GARCH(1, 1) volatility model (Stan User's Guide §3.3),
 * <pre>
 *   real mu;  real&lt;lower=0&gt; alpha0;  real&lt;lower=0, upper=1&gt; alpha1;
 *   real&lt;lower=0, upper=(1 - alpha1)&gt; beta1;                  // flat priors on all four
 *   sigma[1] = sigma1;
 *   sigma[t] = sqrt(alpha0 + alpha1 * square(y[t - 1] - mu) + beta1 * square(sigma[t - 1]));
 *   y ~ normal(mu, sigma);
 * </pre>
 * mu, alpha0 and alpha1 are {@link ImproperUniform} on their supports. beta1's upper bound depends on alpha1, which
 * a fixed support cannot express, so the latent is {@code beta1_unit} ~ ImproperUniform(0, 1) and
 * beta1 = (1 − alpha1)·beta1_unit is a deterministic site; the Jacobian of that scaling, log(1 − alpha1), is
 * added explicitly with {@code factor}. This is Stan's own transform: Stan maps its unconstrained x to
 * beta1 = (1 − alpha1)·logit⁻¹(x) with log-Jacobian log(1 − alpha1) + log logit⁻¹'(x); here the guide's sigmoid
 * contributes the second term and the factor the first, so the unconstrained parameterisation and the density
 * are Stan's. Data: T, y [T], sigma1 &gt; 0.
 */
final class Garch11 implements BuiltinModel {
    @Override
    public String name() {
        return "garch11";
    }

    @Override
    public String description() {
        return "posteriordb garch-garch11: GARCH(1,1) volatility, T=200";
    }

    @Override
    public String defaultData() {
        return "/org/elbo4j/cli/data/garch.json";
    }

    @Override
    public Model build(StanJsonData d) {
        int t = d.requireInt("T");
        if (t < 1) throw new IllegalArgumentException(d.source() + ": T must be >= 1, got " + t);
        Tensor y = Data.vector(d, "y", t);
        double sigma1 = d.requireReal("sigma1");
        if (!(sigma1 > 0) || Double.isInfinite(sigma1)) {
            throw new IllegalArgumentException(d.source() + ": sigma1 must be > 0 and finite, got " + sigma1);
        }
        double[] ys = y.toArray();
        ImproperUniform real = ImproperUniform.of(Constraints.REAL),
                positive = ImproperUniform.of(Constraints.POSITIVE);
        ImproperUniform unit = ImproperUniform.of(Constraints.UNIT_INTERVAL);
        Tensor s1 = Tensor.scalar(sigma1);
        return s -> {
            Tensor mu = s.sample("mu", real);
            Tensor alpha0 = s.sample("alpha0", positive);
            Tensor alpha1 = s.sample("alpha1", unit);
            Tensor beta1Unit = s.sample("beta1_unit", unit);
            Tensor room = alpha1.rsub(1);
            Tensor beta1 = s.deterministic("beta1", room.mul(beta1Unit));
            s.factor("beta1_jacobian", room.log());
            Tensor[] sigma = new Tensor[t];
            sigma[0] = s1;
            Tensor variance = s1.square();
            for (int i = 1; i < t; i++) {
                Tensor e = mu.rsub(ys[i - 1]);
                variance = alpha0.add(alpha1.mul(e.square())).add(beta1.mul(variance));
                sigma[i] = variance.sqrt();
            }
            s.observe("y", Normal.of(mu, Tensor.stack(sigma)), y);
        };
    }
}
