package org.elbo4j.stan.standin;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * TEST STAND-IN for the function library (org.elbo4j.stan.functions), listed by the test resource
 * standin-signatures.txt: just the functions the front end's tests use, written with plain Tensor ops.
 */
public final class StandinFunctions {
    private StandinFunctions() {}

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /** Σ log N(y | mu, sigma). */
    public static Tensor normalLpdf(Tensor y, Tensor mu, Tensor sigma) {
        for (double s : sigma.toArray()) {
            if (!(s > 0)) throw new IllegalArgumentException("normal_lpdf: Scale parameter is " + s + ", but must be positive!");
        }
        Tensor z = y.sub(mu).div(sigma);
        Tensor lp = z.square().mul(-0.5).sub(sigma.log()).sub(HALF_LOG_2PI);
        int n = Math.max(y.size(), Math.max(mu.size(), sigma.size()));
        if (lp.size() < n) lp = lp.broadcastTo(org.elbo4j.tensor.Shape.of(n));
        return lp.sum();
    }

    /** Σ log Cauchy(y | mu, sigma). */
    public static Tensor cauchyLpdf(Tensor y, Tensor mu, Tensor sigma) {
        Tensor z = y.sub(mu).div(sigma);
        Tensor lp = z.square().log1p().neg().sub(sigma.log()).sub(Math.log(Math.PI));
        int n = Math.max(y.size(), Math.max(mu.size(), sigma.size()));
        if (lp.size() < n) lp = lp.broadcastTo(org.elbo4j.tensor.Shape.of(n));
        return lp.sum();
    }

    public static Tensor exp(Tensor x) { return x.exp(); }

    public static Tensor log(Tensor x) { return x.log(); }

    public static Tensor sqrt(Tensor x) { return x.sqrt(); }

    public static Tensor sum(Tensor x) { return x.sum(); }

    public static Tensor normalRng(RandomStream rng, Tensor mu, Tensor sigma) {
        return Tensor.scalar(mu.item() + sigma.item() * rng.nextGaussian());
    }
}
