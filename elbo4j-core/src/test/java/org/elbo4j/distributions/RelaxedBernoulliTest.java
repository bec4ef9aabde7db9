package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link RelaxedBernoulli} (logits form) against the distribution contract: KS tests of sample and rsample
 * against the closed-form CDF, ∫p = 1 by quadrature, and the pathwise and score-function gradients of E[f(y)] in
 * τ and ℓ against central differences of the quadrature expectation, within their Bonferroni-scaled standard
 * errors. Plus the τ → 0 limit and the CDF/density consistency.
 *
 * <p>The scalar cases have τ ≥ 1, where the density is bounded: for τ < 1 it grows like (1 − y)^{τ−1} at y → 1,
 * and doubles cannot resolve 1 − y below 2^−53, so quadrature would miss ~(2^−53)^τ of the mass. τ < 1 runs in
 * the batched cases (shapes, support, KS, finite-difference gradients). Every case keeps τ·36.7 − |ℓ| > 14, so
 * the draws clamped to 1 − 2^−53 (u within 2^−53 of 1 gives L ≤ 36.7) carry < 1e−6 of the mass and do not show
 * in the KS test.
 */
class RelaxedBernoulliTest extends DistributionContractTest<RelaxedBernoulli> {
    @Override
    protected String family() {
        return "RelaxedBernoulli";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("temperature", "logits");
    }

    @Override
    protected RelaxedBernoulli create(List<Tensor> p) {
        return RelaxedBernoulli.ofLogits(p.get(0), p.get(1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("tau=1 l=0", 1.0, 0.0),
                params("tau=2 l=0.3", 2.0, 0.3),
                params("tau=1 l=-1.5", 1.0, -1.5),
                params("tau=5 l=1", 5.0, 1.0),
                params("batched [3]", Tensor.of(0.5, 1.0, 2.0), Tensor.of(-1.0, 0.0, 2.0)),
                params("broadcast [2,1] x [3]", Tensor.of(new double[] {0.7, 3.0}, 2, 1), Tensor.of(0.0, 1.5, -2.0)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("tau=1 l=0", 1.0, 0.0), params("tau=2 l=0.3", 2.0, 0.3), params("tau=1 l=-1.5", 1.0, -1.5));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "relaxed_bernoulli.csv", "relaxed_bernoulli.csv, mpmath/SciPy via make_discrete_reference.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("temperature", 0.0, 0.0),
                bad("temperature", -1.0, 0.0),
                bad("temperature", Double.NaN, 0.0),
                bad("temperature", Double.POSITIVE_INFINITY, 0.0),
                bad("logits", 1.0, Double.NaN),
                bad("logits", 1.0, Double.POSITIVE_INFINITY));
    }

    /** The defaults, plus the ends 0 and 1 (in the closed support, but −∞ by the documented rule). */
    @Override
    protected List<Tensor> outsideValues(RelaxedBernoulli d) {
        List<Tensor> out = new ArrayList<>(super.outsideValues(d));
        out.add(Tensor.full(0.0, d.batchShape()));
        out.add(Tensor.full(1.0, d.batchShape()));
        return out;
    }

    /**
     * τ → 0: the mass of (0.01, 0.99) is F(0.99) − F(0.01) = σ(τ·logit 0.99 − ℓ) − σ(−τ·logit 0.99 − ℓ) → 0, while
     * P(y > ½) = σ(ℓ) for every τ. At τ = 0.001 the exact mid mass is 2.1e−3; the observed fractions must match
     * both within 4.5 binomial SEs (two comparisons per temperature, six in all: false-failure rate < 6·6.8e−6).
     */
    @Test
    void lowTemperatureConcentratesAtTheEnds() {
        RandomStream rng = RandomStream.of(SEED + 20);
        double l = 0.7, logit99 = Math.log(0.99 / 0.01);
        int n = 20_000;
        double prevMid = 1;
        for (double tau : new double[] {1.0, 0.1, 0.001}) {
            Tensor y = RelaxedBernoulli.ofLogits(tau, l).rsample(rng, org.elbo4j.tensor.Shape.of(n));
            int mid = 0, high = 0;
            for (int i = 0; i < n; i++) {
                double v = y.at(i);
                assertTrue(v > 0 && v < 1, "draw " + v);
                if (v > 0.01 && v < 0.99) mid++;
                if (v > 0.5) high++;
            }
            double pMid = sig(tau * logit99 - l) - sig(-tau * logit99 - l), pHigh = sig(l);
            assertEquals(
                    pMid,
                    (double) mid / n,
                    4.5 * Math.sqrt(pMid * (1 - pMid) / n) + 1.0 / n,
                    "tau " + tau + ": mass of (0.01, 0.99)");
            assertEquals(
                    pHigh, (double) high / n, 4.5 * Math.sqrt(pHigh * (1 - pHigh) / n), "tau " + tau + ": P(y > 1/2)");
            assertTrue(pMid < prevMid);
            prevMid = pMid;
        }
        assertTrue(prevMid < 0.003, "at tau = 0.001 the draws should sit within 0.01 of {0, 1}: mid mass " + prevMid);
    }

    /** dF/dy = p(y): central differences of the closed-form CDF against exp(logProb), relative 1e−6. */
    @Test
    void cdfDerivativeIsTheDensity() {
        int checked = 0;
        for (double[] c : new double[][] {{1.0, 0.0}, {0.5, 1.5}, {3.0, -2.0}}) {
            RelaxedBernoulli d = RelaxedBernoulli.ofLogits(c[0], c[1]);
            for (double y : new double[] {0.05, 0.3, 0.5, 0.77, 0.95}) {
                double h = 1e-6;
                double num = (d.cdf(Tensor.scalar(y + h)).item()
                                - d.cdf(Tensor.scalar(y - h)).item())
                        / (2 * h);
                double p = Math.exp(d.logProb(Tensor.scalar(y)).item());
                assertEquals(p, num, 1e-6 * Math.max(1, p), "tau " + c[0] + " l " + c[1] + " y " + y);
                checked++;
            }
        }
        assertEquals(15, checked);
    }

    /** The probs form agrees with the logits form at ℓ = logit p. */
    @Test
    void probsFormAgreesWithLogits() {
        Tensor y = Tensor.of(0.1, 0.5, 0.9);
        Tensor a = RelaxedBernoulli.ofProbs(Tensor.scalar(0.8), Tensor.scalar(0.25))
                .logProb(y);
        Tensor b = RelaxedBernoulli.ofLogits(Tensor.scalar(0.8), Tensor.scalar(Math.log(0.25 / 0.75)))
                .logProb(y);
        for (int i = 0; i < 3; i++) assertEquals(b.at(i), a.at(i), 1e-14);
    }

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
