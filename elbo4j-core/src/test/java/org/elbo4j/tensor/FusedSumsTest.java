package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * The summed fused log densities ({@link FusedOps#normalLogProbSum}, {@link FusedOps#bernoulliLogitLogProbSum})
 * against their elementwise forms summed: values to {@link #REL} relative (the sums differ only in the order of
 * the additions and, for the Bernoulli kernel, in its own exp/log, a few ulps per term; every term has the same
 * sign or is small, so there is no cancellation to amplify that), gradients to {@link #REL} scaled by max(1, |g|).
 */
class FusedSumsTest {
    static final double REL = 1e-12;

    static void assertClose(double expected, double actual, String what) {
        if (!(Math.abs(actual - expected) <= REL * Math.max(1.0, Math.abs(expected)))) {
            fail(what + ": expected " + expected + " but was " + actual + " (difference " + (actual - expected) + ")");
        }
    }

    static void assertAllClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.size(); i++) assertClose(expected.at(i), actual.at(i), what + " [" + i + "]");
    }

    static Tensor uniform(SplittableRandom rng, double lo, double hi, int... shape) {
        Shape s = Shape.of(shape);
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return Tensor.of(v, s);
    }

    // ------------------------------------------------------------------ normal

    /** The value of the fused sum and of the elementwise op summed, for each given (x, loc, scale). */
    private static void checkNormalValue(Tensor x, Tensor loc, Tensor scale, String what) {
        Tensor fused = FusedOps.normalLogProbSum(x, loc, scale);
        assertNotNull(fused, what + ": no general broadcasting, so the fused op must apply");
        assertEquals(Shape.SCALAR, fused.shape(), what);
        assertFalse(fused.requiresGrad(), what + ": constants in, constant out");
        assertClose(FusedOps.normalLogProb(x, loc, scale).sum().item(), fused.item(), what);
    }

    @Test
    void normalSumMatchesTheElementwiseSumForEveryFullOrScalarLayout() {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor x = uniform(rng, -3, 3, 5), loc = uniform(rng, -1, 1, 5), scale = uniform(rng, 0.2, 4, 5);
        Tensor xs = Tensor.scalar(0.7), ls = Tensor.scalar(-0.4), ss = Tensor.scalar(1.7);
        checkNormalValue(x, loc, scale, "all [5]");
        checkNormalValue(x, ls, ss, "scalar loc and scale");
        checkNormalValue(xs, loc, scale, "scalar x, vector loc and scale");
        checkNormalValue(xs, loc, ss, "scalar x and scale, vector loc");
        checkNormalValue(x, loc, ss, "scalar scale only");
        checkNormalValue(x, ls, scale, "scalar loc only");
        checkNormalValue(xs, ls, ss, "all scalars");
        checkNormalValue(Tensor.of(0.3), Tensor.of(0.1), Tensor.of(2.0), "all [1]");
        checkNormalValue(uniform(rng, -3, 3, 2, 3), uniform(rng, -1, 1, 2, 3), ss, "[2,3] with a scalar scale");
        checkNormalValue(x, Tensor.of(new double[] {0.5}, 1), scale, "loc [1] against [5]");
        // a scalar x far in the tail: the quadratic term dominates, the sum is large and negative
        checkNormalValue(Tensor.scalar(40.0), loc, scale, "tail");
        // an empty batch: Σ over no terms is 0, whatever the scalar scale
        Tensor empty = FusedOps.normalLogProbSum(Tensor.zeros(0), ls, ss);
        assertEquals(0.0, empty.item(), 0.0);
    }

    /** The value against the closed form, so that a shared mistake of both forms would not go unnoticed. */
    @Test
    void normalSumMatchesTheClosedForm() {
        Tensor x = Tensor.of(0.5, -1.0, 2.0), loc = Tensor.scalar(0.25), scale = Tensor.of(1.0, 2.0, 0.5);
        double expect = 0;
        for (int i = 0; i < 3; i++) {
            double z = (x.at(i) - 0.25) / scale.at(i);
            expect += -0.5 * z * z - Math.log(scale.at(i)) - 0.5 * Math.log(2 * Math.PI);
        }
        assertClose(expect, FusedOps.normalLogProbSum(x, loc, scale).item(), "closed form");
    }

    /**
     * A constant scale's Σ log σ is remembered on the tensor: the second call gives the same bits, another scale
     * tensor (same shape, other values) gets its own sum, and a remembered scalar log σ is multiplied by each
     * call's own element count.
     */
    @Test
    void rememberedSumOfLogsGivesTheSameValueAndDoesNotLeakBetweenTensors() {
        SplittableRandom rng = new SplittableRandom(12);
        Tensor x = uniform(rng, -3, 3, 5), loc = uniform(rng, -1, 1, 5);
        Tensor scaleA = Tensor.of(0.5, 1.5, 2.5, 3.5, 4.5), scaleB = Tensor.of(9.0, 0.1, 7.0, 0.3, 5.0);
        double first = FusedOps.normalLogProbSum(x, loc, scaleA).item();
        assertNotNull(Facts.of(scaleA).sumOfLogs, "a constant scale's Σ log σ is remembered");
        double second = FusedOps.normalLogProbSum(x, loc, scaleA).item();
        assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(second), first + " then " + second);
        assertClose(FusedOps.normalLogProb(x, loc, scaleA).sum().item(), second, "scale A, second call");

        double b = FusedOps.normalLogProbSum(x, loc, scaleB).item();
        assertClose(FusedOps.normalLogProb(x, loc, scaleB).sum().item(), b, "scale B after scale A");
        assertClose(
                FusedOps.normalLogProb(x, loc, scaleA).sum().item(),
                FusedOps.normalLogProbSum(x, loc, scaleA).item(),
                "scale A after scale B");
        assertEquals(sumOfLogs(scaleA), TensorData.sumOfLogs(scaleA), 1e-14);
        assertEquals(sumOfLogs(scaleB), TensorData.sumOfLogs(scaleB), 1e-14);

        // the same scalar scale with 5 and then 3 elements: n·log σ with the n of each call
        Tensor sigma = Tensor.scalar(3.0);
        Tensor x3 = Tensor.of(0.1, 0.2, 0.3);
        assertClose(
                FusedOps.normalLogProb(x, loc, sigma).sum().item(),
                FusedOps.normalLogProbSum(x, loc, sigma).item(),
                "n = 5");
        assertClose(
                FusedOps.normalLogProb(x3, Tensor.scalar(0), sigma).sum().item(),
                FusedOps.normalLogProbSum(x3, Tensor.scalar(0), sigma).item(),
                "n = 3, same scale tensor");
        assertClose(
                FusedOps.normalLogProb(x, loc, sigma).sum().item(),
                FusedOps.normalLogProbSum(x, loc, sigma).item(),
                "n = 5 again");
    }

    /** A tracked scale changes from one evaluation to the next; the value must follow it, not a remembered sum. */
    @Test
    void trackedScalesAreNotRemembered() {
        Tensor x = Tensor.of(0.3, -0.2, 1.1), loc = Tensor.zeros(3);
        for (double s : new double[] {0.5, 2.0, 7.0}) {
            Tape tape = new Tape();
            Tensor scale = tape.leaf(Tensor.full(s, 3));
            Tensor fused = FusedOps.normalLogProbSum(x, loc, scale);
            assertTrue(fused.requiresGrad());
            assertClose(FusedOps.normalLogProb(x, loc, scale.detach()).sum().item(), fused.item(), "scale " + s);
        }
    }

    private static double sumOfLogs(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) s += Math.log(t.at(i));
        return s;
    }

    @Test
    void normalSumDeclinesGeneralBroadcasting() {
        Tensor x23 = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.7, 1.1, -0.4}, 2, 3);
        assertNull(
                FusedOps.normalLogProbSum(x23, Tensor.of(0.1, -0.2, 0.5), Tensor.scalar(1.3)),
                "loc [3] over the rows of [2,3]");
        assertNull(
                FusedOps.normalLogProbSum(x23, Tensor.scalar(0.1), Tensor.of(new double[] {0.5, 2.0}, 2, 1)),
                "scale [2,1]");
        assertNull(
                FusedOps.normalLogProbSum(Tensor.of(1, 2, 3), Tensor.of(new double[] {0, 1}, 2, 1), Tensor.scalar(1)),
                "[3] vs [2,1]");
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> FusedOps.normalLogProbSum(Tensor.of(1, 2), Tensor.of(1, 2, 3), Tensor.scalar(1)));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[3]"), e.getMessage());
    }

    /**
     * ∂/∂x, ∂/∂μ, ∂/∂σ of 2.5·Σ log N (the 2.5 checks that the output adjoint is used) against the elementwise
     * op summed, with some of the three on the tape and the others constant, scalars broadcast to [5] included.
     */
    @Test
    void normalSumGradientsMatchTheElementwiseSum() {
        SplittableRandom rng = new SplittableRandom(13);
        Tensor x = uniform(rng, -3, 3, 5), loc = uniform(rng, -1, 1, 5), scale = uniform(rng, 0.2, 4, 5);
        Tensor xs = Tensor.scalar(0.7), ls = Tensor.scalar(-0.4), ss = Tensor.scalar(1.7);
        Tensor[][] cases = {{x, loc, scale}, {x, ls, ss}, {xs, loc, scale}, {x, loc, ss}, {x, ls, scale}, {xs, loc, ss}
        };
        int checked = 0;
        for (Tensor[] c : cases) {
            String what = c[0].shape() + ", " + c[1].shape() + ", " + c[2].shape();
            // all three tracked
            compareGradients(List.of(c[0], c[1], c[2]), p -> p, what + " (all tracked)");
            // one tracked at a time, the others constants (a constant scale takes the remembered Σ log σ)
            for (int tracked = 0; tracked < 3; tracked++) {
                int t = tracked;
                compareGradients(
                        List.of(c[t]),
                        p -> {
                            Tensor[] args = c.clone();
                            args[t] = p.get(0);
                            return List.of(args);
                        },
                        what + " (only argument " + t + " tracked)");
            }
            checked++;
        }
        assertEquals(cases.length, checked);
    }

    private static void compareGradients(List<Tensor> params, Function<List<Tensor>, List<Tensor>> args, String what) {
        List<Tensor> fused = Autodiff.grad(params, p -> {
            List<Tensor> a = args.apply(p);
            Tensor s = FusedOps.normalLogProbSum(a.get(0), a.get(1), a.get(2));
            assertNotNull(s, what);
            return s.mul(2.5);
        });
        List<Tensor> plain = Autodiff.grad(params, p -> {
            List<Tensor> a = args.apply(p);
            return FusedOps.normalLogProb(a.get(0), a.get(1), a.get(2)).sum().mul(2.5);
        });
        for (int i = 0; i < params.size(); i++) assertAllClose(plain.get(i), fused.get(i), what + ", gradient " + i);
    }

    @Test
    void normalSumGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.of(0.3, -1.2, 2.0, 0.7, 1.1),
                loc = Tensor.scalar(0.2),
                scale = Tensor.of(0.5, 2.0, 1.0, 3.0, 0.8);
        var r = GradCheck.compare(
                List.of(x, loc, scale), p -> FusedOps.normalLogProbSum(p.get(0), p.get(1), p.get(2)), 1e-6);
        assertTrue(r.error() < FusedOpsTest.GRAD_TOL, r.toString());
    }

    /**
     * Σ of n Normal entropies in one node: value and gradient against log σ + ½ + ½ log 2π summed elementwise, for
     * a σ of n elements and a shared scalar σ (whose gradient is n/σ); a σ of another size is refused.
     */
    @Test
    void normalEntropySumMatchesTheElementwiseEntropySummed() {
        SplittableRandom rng = new SplittableRandom(17);
        Tensor scale = uniform(rng, 0.2, 4, 6), shared = Tensor.scalar(1.7);
        double c = 0.5 + 0.5 * Math.log(2 * Math.PI);
        assertClose(
                scale.log().add(c).sum().item(),
                FusedOps.normalEntropySum(scale, 6).item(),
                "sigma [6]");
        assertClose(
                6 * (Math.log(1.7) + c), FusedOps.normalEntropySum(shared, 6).item(), "shared sigma, n = 6");
        for (Tensor sd : new Tensor[] {scale, shared}) {
            List<Tensor> fused = Autodiff.grad(
                    List.of(sd), p -> FusedOps.normalEntropySum(p.get(0), 6).mul(2.5));
            List<Tensor> plain = Autodiff.grad(
                    List.of(sd),
                    p -> p.get(0).broadcastTo(Shape.of(6)).log().add(c).sum().mul(2.5));
            assertAllClose(plain.get(0), fused.get(0), "gradient, sigma " + sd.shape());
        }
        assertThrows(IllegalArgumentException.class, () -> FusedOps.normalEntropySum(Tensor.of(1, 2), 6));
        // the distribution's entropySum is the same number as its entropy() summed
        org.elbo4j.distributions.Normal d = org.elbo4j.distributions.Normal.of(uniform(rng, -1, 1, 6), scale);
        assertClose(d.entropy().sum().item(), d.entropySum().item(), "Normal.entropySum");
    }

    // ------------------------------------------------------------------ Bernoulli (logits)

    /** Logits in [−8, 8] with a few at ±40 (σ rounds to 0 or 1 there), outcomes 0 or 1 with −0.0 among the zeros. */
    static Tensor[] bernoulliData(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] l = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 97 == 5 ? 40 : i % 89 == 6 ? -40 : -8 + 16 * rng.nextDouble();
            y[i] = rng.nextBoolean() ? 1.0 : i % 3 == 0 ? -0.0 : 0.0;
        }
        return new Tensor[] {Tensor.of(l), Tensor.of(y)};
    }

    static final int[] LENGTHS = {1, 7, 8, 9, 31, 33, 1000};

    @Test
    void bernoulliSumMatchesTheElementwiseSum() {
        for (int n : LENGTHS) {
            Tensor[] d = bernoulliData(n, 100 + n);
            Tensor fused = FusedOps.bernoulliLogitLogProbSum(d[0], d[1]);
            assertNotNull(fused, "n = " + n);
            assertEquals(Shape.SCALAR, fused.shape());
            double plain = FusedOps.bernoulliLogitLogProb(d[0], d[1]).sum().item();
            double naive = 0;
            for (int i = 0; i < n; i++) {
                double l = d[0].at(i);
                naive += d[1].at(i) * l - (Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))));
            }
            assertClose(plain, fused.item(), "n = " + n + " vs elementwise");
            assertClose(naive, fused.item(), "n = " + n + " vs naive loop");
        }
        // a [2,4] matrix: the shape does not matter, only the elements
        Tensor l = Tensor.of(new double[] {-30, -2.5, -0.1, 0.0, 0.7, 3.0, 40, 1.5}, 2, 4);
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0, 1, 0, 1, 1}, 2, 4);
        assertClose(
                FusedOps.bernoulliLogitLogProb(l, y).sum().item(),
                FusedOps.bernoulliLogitLogProbSum(l, y).item(),
                "[2,4]");
    }

    /** ∂(2.5·Σ log p)/∂ℓ = 2.5·(y − σ(ℓ)), against a naive σ and against the elementwise op summed. */
    @Test
    void bernoulliSumGradientIsYMinusSigmoid() {
        for (int n : LENGTHS) {
            Tensor[] d = bernoulliData(n, 200 + n);
            Tensor y = d[1];
            Tensor fused = Autodiff.grad(
                            List.of(d[0]),
                            p -> FusedOps.bernoulliLogitLogProbSum(p.get(0), y).mul(2.5))
                    .get(0);
            Tensor plain = Autodiff.grad(
                            List.of(d[0]),
                            p -> FusedOps.bernoulliLogitLogProb(p.get(0), y)
                                    .sum()
                                    .mul(2.5))
                    .get(0);
            assertAllClose(plain, fused, "n = " + n);
            for (int i = 0; i < n; i++) {
                double sigma = 1 / (1 + Math.exp(-d[0].at(i)));
                assertClose(2.5 * (y.at(i) - sigma), fused.at(i), "n = " + n + ", y − σ(ℓ) at " + i);
            }
        }
    }

    @Test
    void bernoulliSumIsNullWhenNotFinite() {
        Tensor y = Tensor.of(1, 0, 1, 1, 0, 0, 1, 0, 1);
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            for (int at : new int[] {0, 4, 8}) { // in a vector lane and in the scalar tail
                double[] l = {0.1, -0.2, 0.3, 1.0, -1.0, 2.0, -2.0, 0.5, 0.25};
                l[at] = bad;
                assertNull(FusedOps.bernoulliLogitLogProbSum(Tensor.of(l), y), bad + " at " + at);
            }
        }
        // finite logits whose terms overflow the sum: −1e308 twice is −∞
        assertNull(FusedOps.bernoulliLogitLogProbSum(Tensor.of(1e308, 1e308), Tensor.of(0, 0)));
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> FusedOps.bernoulliLogitLogProbSum(Tensor.of(1, 2, 3), Tensor.of(1, 0)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
    }
}
