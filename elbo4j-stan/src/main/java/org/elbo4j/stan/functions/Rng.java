package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** Shapes of vectorised {@code _rng} results: a real when every argument is a scalar, else {@code array[] real}. */
final class Rng {
    private Rng() {}

    static boolean anyContainer(Tensor... ts) {
        for (Tensor t : ts) if (t.rank() > 0) return true;
        return false;
    }

    /** Wraps n draws as a real (n = 1 and no container argument) or an array of n reals. */
    static Tensor result(double[] out, boolean container) {
        return container ? Tensor.wrap(out, Shape.of(out.length)) : Tensor.scalar(out[0]);
    }

    /** A standard normal draw. */
    static double gaussian(org.elbo4j.random.RandomStream rng) {
        double[] z = new double[1];
        rng.fillGaussian(z, 0, 1);
        return z[0];
    }
}
