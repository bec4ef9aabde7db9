package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link Distribution#logProbSum} of the families that override it (Normal, Bernoulli in the logits form) against
 * {@code logProb(value).sum()}: values and gradients to 1e-12 relative (scaled by max(1, |expected|)); the fused
 * forms differ from the elementwise ones only in the order of the additions and a few ulps per term. Where the
 * fused Bernoulli op declines (an infinite logit, a value other than 0 and 1, a broadcast value), the fallback is
 * the elementwise form itself, so those cases are compared for equality.
 */
class LogProbSumTest {
    static final double REL = 1e-12;

    static void assertClose(double expected, double actual, String what) {
        if (!(Math.abs(actual - expected) <= REL * Math.max(1.0, Math.abs(expected)))) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference " + (actual - expected) + ")");
        }
    }

    static void assertSumMatches(Distribution d, Tensor value, String what) {
        Tensor s = d.logProbSum(value);
        assertEquals(Shape.SCALAR, s.shape(), what);
        assertClose(d.logProb(value).sum().item(), s.item(), what);
    }

    static Tensor uniform(SplittableRandom rng, double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return Tensor.of(v);
    }

    // ------------------------------------------------------------------ Normal

    @Test
    void normalLogProbSumEqualsTheSummedLogProb() {
        SplittableRandom rng = new SplittableRandom(21);
        Tensor loc = uniform(rng, -1, 1, 5), scale = uniform(rng, 0.3, 3, 5), x = uniform(rng, -4, 4, 5);
        assertSumMatches(Normal.of(loc, scale), x, "batch [5]");
        assertSumMatches(Normal.of(0.5, 2.0), x, "scalar parameters, value [5]");
        assertSumMatches(Normal.of(0.5, 2.0), Tensor.scalar(-1.25), "all scalar");
        assertSumMatches(Normal.of(loc, Tensor.scalar(0.8)), x, "scalar scale");
        assertSumMatches(Normal.of(loc, scale), Tensor.scalar(0.3), "scalar value against batch [5]");
        // value [2,5] against batch [5]: general broadcasting, the fused op declines and the sum is taken instead
        Tensor x25 = Tensor.concat(0, x.reshape(1, 5), uniform(rng, -4, 4, 5).reshape(1, 5));
        assertSumMatches(Normal.of(loc, scale), x25, "value [2,5] vs batch [5]");
        // the same constant scale twice (its Σ log σ is remembered after the first)
        Normal d = Normal.of(loc, scale);
        double first = d.logProbSum(x).item();
        assertEquals(
                Double.doubleToRawLongBits(first),
                Double.doubleToRawLongBits(d.logProbSum(x).item()));
        Normal other = Normal.of(loc, uniform(rng, 0.3, 3, 5));
        assertSumMatches(other, x, "another scale after the first");
        assertSumMatches(d, x, "the first scale again");
    }

    @Test
    void normalLogProbSumGradientsMatchTheSummedLogProb() {
        SplittableRandom rng = new SplittableRandom(22);
        Tensor loc = uniform(rng, -1, 1, 5), scale = uniform(rng, 0.3, 3, 5), x = uniform(rng, -4, 4, 5);
        Tensor[][] cases = {
            {x, loc, scale}, {x, Tensor.scalar(0.2), Tensor.scalar(1.4)}, {Tensor.scalar(0.6), loc, scale}
        };
        for (Tensor[] c : cases) {
            List<Tensor> params = List.of(c[0], c[1], c[2]);
            List<Tensor> fused =
                    Autodiff.grad(params, p -> Normal.of(p.get(1), p.get(2)).logProbSum(p.get(0)));
            List<Tensor> plain = Autodiff.grad(
                    params, p -> Normal.of(p.get(1), p.get(2)).logProb(p.get(0)).sum());
            for (int i = 0; i < 3; i++) {
                assertEquals(plain.get(i).shape(), fused.get(i).shape());
                for (int j = 0; j < plain.get(i).size(); j++) {
                    assertClose(
                            plain.get(i).at(j),
                            fused.get(i).at(j),
                            c[0].shape() + "/" + c[1].shape() + " gradient " + i + "[" + j + "]");
                }
            }
        }
    }

    /**
     * The fused forms record one tape node for the whole sum; where they decline (general broadcasting, an
     * infinite logit, a value other than 0 and 1) the elementwise op and its sum take more.
     */
    @Test
    void fusedFormsRecordOneNode() {
        Tensor x = Tensor.of(0.3, -1.0, 2.0, 0.5, 1.5, -0.5, 0.1, 0.9, -2.0);
        Tensor y = Tensor.of(1, 0, 1, 1, 0, 0, 1, 0, 1);
        assertEquals(
                1,
                nodesOf(
                        Tensor.scalar(0.2),
                        loc -> Normal.of(loc, Tensor.scalar(1.5)).logProbSum(x)),
                "scalar loc");
        assertEquals(
                1,
                nodesOf(
                        Tensor.ones(9),
                        scale -> Normal.of(Tensor.zeros(9), scale).logProbSum(x)),
                "scale [9]");
        Tensor x29 = Tensor.concat(0, x.reshape(1, 9), x.reshape(1, 9));
        assertTrue(
                nodesOf(Tensor.zeros(9), loc -> Normal.of(loc, Tensor.ones(9)).logProbSum(x29)) > 1,
                "value [2,9] against batch [9]");
        assertEquals(1, nodesOf(x, l -> Bernoulli.ofLogits(l).logProbSum(y)), "Bernoulli");
        double[] inf = x.toArray();
        inf[3] = Double.POSITIVE_INFINITY;
        assertTrue(nodesOf(Tensor.of(inf), l -> Bernoulli.ofLogits(l).logProbSum(y)) > 1, "infinite logit");
        double[] half = y.toArray();
        half[8] = 0.5;
        assertTrue(nodesOf(x, l -> Bernoulli.ofLogits(l).logProbSum(Tensor.of(half))) > 1, "y = 0.5");
    }

    /** The number of tape nodes {@code f} records when applied to {@code value} as a leaf. */
    private static int nodesOf(Tensor value, java.util.function.Function<Tensor, Tensor> f) {
        Tape t = new Tape();
        Tensor leaf = t.leaf(value);
        int before = t.size();
        Tensor out = f.apply(leaf);
        assertTrue(out.requiresGrad());
        return t.size() - before;
    }

    @Test
    void normalLogProbSumRejectsNaNValues() {
        Normal d = Normal.of(Tensor.zeros(5), Tensor.ones(5));
        var e = assertThrows(IllegalArgumentException.class, () -> d.logProbSum(Tensor.of(0, 1, Double.NaN, 2, 3)));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("flat index 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Normal.of(0, 1).logProbSum(Tensor.scalar(Double.NaN)));
        assertThrows(
                IllegalArgumentException.class, () -> d.logProbSum(Tensor.zeros(4)), "shape [4] against batch [5]");
    }

    // ------------------------------------------------------------------ Bernoulli (logits)

    static Tensor[] bernoulliData(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] l = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = -6 + 12 * rng.nextDouble();
            y[i] = rng.nextBoolean() ? 1 : 0;
        }
        return new Tensor[] {Tensor.of(l), Tensor.of(y)};
    }

    @Test
    void bernoulliLogProbSumEqualsTheSummedLogProb() {
        for (int n : new int[] {1, 7, 8, 9, 1000}) {
            Tensor[] d = bernoulliData(n, 300 + n);
            Bernoulli b = Bernoulli.ofLogits(d[0]);
            assertSumMatches(b, d[1], "n = " + n);
            // again with the same value tensor: its 0/1 scan is remembered
            assertSumMatches(b, d[1], "n = " + n + ", second call");
            // and another distribution on the same data
            assertSumMatches(Bernoulli.ofLogits(d[0].mul(-0.5)), d[1], "n = " + n + ", other logits");
        }
        assertSumMatches(Bernoulli.ofLogits(Tensor.scalar(0.3)), Tensor.scalar(1), "scalar");
        assertSumMatches(Bernoulli.ofLogits(Tensor.scalar(-0.3)), Tensor.scalar(-0.0), "scalar, y = −0");
        // the probs form keeps the default (logProb summed)
        assertSumMatches(Bernoulli.ofProbs(Tensor.of(0.2, 0.7, 0.5)), Tensor.of(1, 0, 1), "probs form");
    }

    @Test
    void bernoulliLogProbSumGradientMatchesTheSummedLogProb() {
        for (int n : new int[] {1, 7, 8, 9, 1000}) {
            Tensor[] d = bernoulliData(n, 400 + n);
            Tensor y = d[1];
            Tensor fused = Autodiff.grad(
                            List.of(d[0]), p -> Bernoulli.ofLogits(p.get(0)).logProbSum(y))
                    .get(0);
            Tensor plain = Autodiff.grad(
                            List.of(d[0]),
                            p -> Bernoulli.ofLogits(p.get(0)).logProb(y).sum())
                    .get(0);
            for (int i = 0; i < n; i++) {
                assertClose(plain.at(i), fused.at(i), "n = " + n + " [" + i + "]");
                assertClose(
                        y.at(i) - 1 / (1 + Math.exp(-d[0].at(i))), fused.at(i), "n = " + n + ", y − σ(ℓ) [" + i + "]");
            }
        }
    }

    /**
     * ℓ = +∞ with y = 1 and ℓ = −∞ with y = 0 are certain outcomes (log mass 0): the fused op declines and the
     * sum is the elementwise one, finite; +∞ with y = 0 is impossible (−∞). Lengths 9 and 1000 put the infinite
     * logit in a vector lane and in the scalar tail.
     */
    @Test
    void infiniteLogitsFallBackToTheElementwiseSum() {
        for (int n : new int[] {9, 1000}) {
            for (int at : new int[] {0, n / 2, n - 1}) {
                Tensor[] d = bernoulliData(n, 500 + n + at);
                double[] l = d[0].toArray(), y = d[1].toArray();
                l[at] = Double.POSITIVE_INFINITY;
                y[at] = 1;
                Bernoulli b = Bernoulli.ofLogits(Tensor.of(l));
                double sum = b.logProbSum(Tensor.of(y)).item();
                assertEquals(b.logProb(Tensor.of(y)).sum().item(), sum, 0.0, "+∞, y = 1, n = " + n + " at " + at);
                assertTrue(Double.isFinite(sum), "certain outcome: " + sum);
                // its gradient: y − σ(+∞) = 0 there, finite everywhere
                Tensor yt = Tensor.of(y);
                Tensor g = Autodiff.grad(
                                List.of(Tensor.of(l)),
                                p -> Bernoulli.ofLogits(p.get(0)).logProbSum(yt))
                        .get(0);
                assertEquals(0.0, g.at(at), 0.0);
                assertTrue(g.allFinite(), "gradient finite");

                l[at] = Double.NEGATIVE_INFINITY;
                y[at] = 0;
                b = Bernoulli.ofLogits(Tensor.of(l));
                assertEquals(
                        b.logProb(Tensor.of(y)).sum().item(),
                        b.logProbSum(Tensor.of(y)).item(),
                        0.0,
                        "−∞, y = 0");

                l[at] = Double.POSITIVE_INFINITY;
                assertEquals(
                        Double.NEGATIVE_INFINITY,
                        Bernoulli.ofLogits(Tensor.of(l))
                                .logProbSum(Tensor.of(y))
                                .item(),
                        "+∞, y = 0");
            }
        }
    }

    @Test
    void valuesOtherThanZeroAndOneHaveLogMassMinusInfinity() {
        Bernoulli b = Bernoulli.ofLogits(Tensor.of(0.1, -0.2, 0.3, 1.0, -1.0, 2.0, -2.0, 0.5, 0.25));
        for (double bad : new double[] {0.5, 2.0, -1.0, Math.nextUp(1.0), Double.MIN_VALUE}) {
            Tensor y = Tensor.of(1, 0, 1, 1, 0, 0, 1, 0, bad);
            assertEquals(Double.NEGATIVE_INFINITY, b.logProb(y).sum().item(), "logProb, " + bad);
            assertEquals(Double.NEGATIVE_INFINITY, b.logProbSum(y).item(), "logProbSum, " + bad);
        }
        // a value that broadcasts against the batch ([2,9] vs [9]) takes the summed logProb
        Tensor y2 = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0}, 2, 9);
        assertSumMatches(b, y2, "value [2,9]");
    }

    @Test
    void nanLogitsAreRejectedWithTheirIndex() {
        for (int n : new int[] {1, 9, 1000}) {
            for (int at : new int[] {0, n / 2, n - 1}) {
                double[] l = new double[n];
                l[at] = Double.NaN;
                var e = assertThrows(IllegalArgumentException.class, () -> Bernoulli.ofLogits(Tensor.of(l)));
                assertTrue(e.getMessage().contains("flat index " + at + " of shape [" + n + "]"), e.getMessage());
            }
        }
        // NaN among infinities: still found, and ±∞ alone are accepted
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Bernoulli.ofLogits(Tensor.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN)));
        assertTrue(e.getMessage().contains("flat index 2"), e.getMessage());
        Bernoulli.ofLogits(Tensor.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE));
    }

    @Test
    void bernoulliLogProbSumRejectsNaNValues() {
        Bernoulli b = Bernoulli.ofLogits(Tensor.of(0.1, 0.2, 0.3));
        var e = assertThrows(IllegalArgumentException.class, () -> b.logProbSum(Tensor.of(1, Double.NaN, 0)));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("flat index 1"), e.getMessage());
    }
}
