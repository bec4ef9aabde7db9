package org.elbo4j.autodiff;

import java.util.Random;
import org.elbo4j.tensor.Tensor;

/** Seeded random test points for gradient checks, kept away from the kinks and poles of each op. */
@FunctionalInterface
public interface Sampler {
    /** A tensor of the given shape drawn with {@code r}. */
    Tensor sample(Random r, int[] shape);

    /** Uniform on [lo, hi]. */
    static Sampler uniform(double lo, double hi) {
        return (r, s) -> fill(r, s, () -> lo + (hi - lo) * r.nextDouble());
    }

    /** ±Uniform[lo, hi] with a random sign: at least {@code lo} away from 0. */
    static Sampler awayFromZero(double lo, double hi) {
        return (r, s) -> fill(r, s, () -> (r.nextBoolean() ? 1 : -1) * (lo + (hi - lo) * r.nextDouble()));
    }

    /** Uniform on [lo, hi], redrawn while within {@code margin} of any of {@code kinks}. */
    static Sampler awayFrom(double lo, double hi, double margin, double... kinks) {
        return (r, s) -> fill(r, s, () -> {
            while (true) {
                double v = lo + (hi - lo) * r.nextDouble();
                boolean ok = true;
                for (double k : kinks) ok &= Math.abs(v - k) > margin;
                if (ok) return v;
            }
        });
    }

    /**
     * Distinct values at least 0.15 apart, in random order: a shuffled ladder {@code 0.3·(perm[i] + u_i)} with
     * {@code u_i ∈ [0, 0.5]}, centred. Keeps max/argmax away from ties.
     */
    static Sampler distinct() {
        return (r, s) -> {
            int n = 1;
            for (int d : s) n *= d;
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1), t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = 0.3 * (perm[i] + 0.5 * r.nextDouble() - n / 2.0);
            return Tensor.of(v, s);
        };
    }

    private static Tensor fill(Random r, int[] s, java.util.function.DoubleSupplier next) {
        int n = 1;
        for (int d : s) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = next.getAsDouble();
        return Tensor.of(v, s);
    }
}
