package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.LogGamma;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The Poisson distribution with mean {@code rate} (λ > 0):
 * \[ \log p(k) = k \log\lambda - \lambda - \log k!, \quad k \in \{0, 1, 2, \dots\}. \]
 *
 * <p><b>Reparameterization:</b> none (discrete); score-function only.
 *
 * <p>Sampling: Knuth's multiplication method (count uniforms until their product falls to e^−λ) for λ &lt; 10;
 * above, the transformed rejection method with squeeze of Hörmann (1993), "PTRS", exact and O(1) in λ.
 *
 * <p>Mean λ, variance λ; the entropy has no closed form.
 *
 * <blockquote>D. E. Knuth, "The Art of Computer Programming", vol. 2, 3rd ed., 1997, section 3.4.1.F.</blockquote>
 *
 * <blockquote>W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12, 1993.</blockquote>
 */
public final class Poisson implements Distribution {
    private final Tensor rate;

    private Poisson(Tensor rate) {
        this.rate = rate;
    }

    /**
     * @throws IllegalArgumentException if a rate entry is not > 0 and finite
     */
    public static Poisson of(Tensor rate) {
        Distributions.requirePositive("Poisson", "rate", rate);
        return new Poisson(rate);
    }

    /** Scalar rate. */
    public static Poisson of(double rate) {
        return of(Tensor.scalar(rate));
    }

    /** λ. */
    public Tensor rate() {
        return rate;
    }

    @Override
    public Shape batchShape() {
        return rate.shape();
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return Constraints.NON_NEGATIVE_INTEGER;
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = rate.shape().prepend(sampleShape);
        double[] out = new double[s.size()];
        for (int i = 0; i < out.length; i++) out[i] = draw(rng, rate.at(i % rate.size()));
        return Tensor.wrap(out, s);
    }

    static double draw(RandomStream rng, double lam) {
        if (lam < 10) {
            double l = Math.exp(-lam), p = 1;
            int k = 0;
            while (true) {
                p *= rng.nextDouble();
                if (p <= l) return k;
                k++;
            }
        }
        // PTRS (Hörmann 1993).
        double slam = Math.sqrt(lam), loglam = Math.log(lam);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5, v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || us < 0.013 && v > us) continue;
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -lam + k * loglam - LogGamma.value(k + 1)) {
                return k;
            }
        }
    }

    /**
     * log p(k) = k·log λ − λ − log k!, elementwise; −∞ where k is not a non-negative integer. One fused tape node
     * with ∂/∂λ = k/λ − 1; the value by Loader's saddle-point form, accurate for large k and λ (see CountKernels).
     *
     * @param value k, shape {@code sampleShape + batchShape} (or broadcasting to it). Not modified.
     * @return shape: the broadcast of the value and the batch shape
     * @throws IllegalArgumentException on a NaN value or a shape that does not broadcast
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        DiscreteValues k = DiscreteValues.of(value, support());
        return k.mask(CountKernels.poisson(rate, k.values()));
    }

    @Override
    public Tensor mean() {
        return rate;
    }

    @Override
    public Tensor variance() {
        return rate;
    }

    @Override
    public String toString() {
        return "Poisson(rate=" + rate + ")";
    }
}
