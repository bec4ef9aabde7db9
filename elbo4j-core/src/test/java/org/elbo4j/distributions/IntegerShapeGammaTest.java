package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.testkit.TestReports;
import org.junit.jupiter.api.Test;

/**
 * {@link IntegerShapeGamma} (the seed's sum-of-exponentials route) against the distribution contract, and against
 * the general {@link Gamma} (Marsaglia–Tsang with implicit gradients): the same law (two-sample KS) and the same
 * gradients.
 */
class IntegerShapeGammaTest extends DistributionContractTest<IntegerShapeGamma> {
    @Override
    protected String family() {
        return "IntegerShapeGamma";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("concentration", "rate");
    }

    @Override
    protected IntegerShapeGamma create(List<Tensor> p) {
        return IntegerShapeGamma.of(p.get(0), p.get(1));
    }

    /** The integer shape is not a differentiable parameter: only the rate's gradients are checked. */
    @Override
    protected Set<Integer> pathwiseParams() {
        return Set.of(1);
    }

    @Override
    protected Set<Integer> scoreFunctionParams() {
        return Set.of(1);
    }

    /** Finite differences nudge n off the integers: round it back (a constant, so both sides see ∂/∂n = 0). */
    @Override
    protected List<Tensor> project(List<Tensor> p) {
        double[] n = p.get(0).toArray();
        for (int i = 0; i < n.length; i++) n[i] = Math.rint(n[i]);
        return List.of(Tensor.of(n, p.get(0).shape()), p.get(1));
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("exponential (n 1)", 1.0, 1.0),
                params("n 2", 2.0, 0.5),
                params("n 5", 5.0, 2.0),
                params("n 30", 30.0, 3.0),
                params("batched [3]", Tensor.of(1.0, 4.0, 9.0), Tensor.of(2.0, 1.0, 0.5)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("n 2", 2.0, 0.5), params("n 5", 5.0, 2.0));
    }

    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE, SIN, GammaMoments.LOG);
    }

    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        return GammaMoments.expectation(p.get(0), p.get(1), f);
    }

    /** The rate only (n must stay an integer). */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0), p.get(1).mul(1.1));
    }

    /** z = E/β is a pure scale family in β: the pathwise variance must be the smaller one for z and z². */
    @Override
    protected boolean isLocationScale() {
        return true;
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "integer_shape_gamma.csv",
                "integer_shape_gamma.csv, mpmath cross-checked with SciPy via make_reference_gamma.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("concentration", 0.0, 1.0),
                bad("concentration", 2.5, 1.0),
                bad("concentration", -3.0, 1.0),
                bad("concentration", Double.NaN, 1.0),
                bad("concentration", Double.POSITIVE_INFINITY, 1.0),
                bad("rate", 2.0, 0.0),
                bad("rate", 2.0, Double.NaN));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase(
                        "IntegerShapeGamma(5, 2) || IntegerShapeGamma(2, 0.5)",
                        params("n 5", 5.0, 2.0),
                        IntegerShapeGamma.of(2, 0.5)),
                new KlCase(
                        "IntegerShapeGamma(2, 0.5) || Gamma(1.7, 0.3)", params("n 2", 2.0, 0.5), Gamma.of(1.7, 0.3)));
    }

    // ------------------------------------------------------------------ agreement with the general Gamma

    private static final double[][] AGREEMENT_CASES = {{1, 1}, {3, 2}, {10, 0.5}};

    /**
     * Two-sample Kolmogorov–Smirnov test of 20 000 draws of each route (sample and rsample of both) per (n, β).
     * Under the null √(n_e)·D is asymptotically Kolmogorov-distributed with n_e = nm/(n + m) = 10 000; the critical
     * value is taken at 1e−3 split over the 6 comparisons (false-failure rate ≤ 1e−3).
     */
    @Test
    void samplesAgreeInDistributionWithTheGeneralGamma() {
        RandomStream rng = RandomStream.of(SEED + 21);
        int n = 20_000, comparisons = 2 * AGREEMENT_CASES.length;
        double crit = Stats.ksCritical(n / 2, FAMILY_ALPHA / comparisons);
        List<String> report = new ArrayList<>();
        for (double[] c : AGREEMENT_CASES) {
            IntegerShapeGamma sum = IntegerShapeGamma.of((int) c[0], c[1]);
            Gamma mt = Gamma.of(c[0], c[1]);
            double dSample =
                    twoSampleKs(sum.sample(rng, n).toArray(), mt.sample(rng, n).toArray());
            double dRsample = twoSampleKs(
                    sum.rsample(rng, Shape.of(n)).toArray(),
                    mt.rsample(rng, Shape.of(n)).toArray());
            report.add(String.format(
                    Locale.ROOT, "  n %-4s rate %-4s D(sample) %.5f D(rsample) %.5f", c[0], c[1], dSample, dRsample));
            assertTrue(
                    dSample <= crit && dRsample <= crit,
                    "Gamma(" + c[0] + ", " + c[1] + "): two-sample KS D = " + dSample + " / " + dRsample
                            + " > critical " + crit);
        }
        // power: the same test separates n from n + 1
        double dWrong = twoSampleKs(
                IntegerShapeGamma.of(3, 2.0).sample(rng, n).toArray(),
                Gamma.of(4.0, 2.0).sample(rng, n).toArray());
        assertTrue(dWrong > crit, "two-sample KS cannot tell Gamma(3, 2) from Gamma(4, 2): D = " + dWrong);
        TestReports.write(
                getClass(),
                "IntegerShapeGamma vs Gamma, two-sample KS (" + n + " draws each, critical "
                        + String.format(Locale.ROOT, "%.5f", crit) + ", Gamma(3,2) vs Gamma(4,2): "
                        + String.format(Locale.ROOT, "%.4f", dWrong) + "):\n" + String.join("\n", report));
    }

    /** The two-sample KS statistic sup |F₁ − F₂| of the empirical CDFs. */
    static double twoSampleKs(double[] a, double[] b) {
        double[] x = a.clone(), y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0, j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) i++;
            while (j < y.length && y[j] == v) j++;
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /**
     * ∂E[f(z)]/∂β by the sum-of-exponentials path and by the general Gamma's path agree with each other (within k·SE
     * of the difference) and with the closed form (each within k·SE), for f = z, z², sin z, log z; and the general
     * Gamma's implicit ∂E[z]/∂α at integer α = n equals 1/β. 50 batch means of 400 draws give each SE; k is the
     * Bonferroni multiplier for the 3·(4·3 + 1) = 39 comparisons at family-wise 1e−3.
     */
    @Test
    void gradientsAgreeWithTheGeneralGamma() {
        List<TestFunction> fs = List.of(IDENTITY, SQUARE, SIN, GammaMoments.LOG);
        int batches = 50, m = 400, comparisons = AGREEMENT_CASES.length * (3 * fs.size() + 1);
        double k = Stats.bonferroniK(FAMILY_ALPHA, comparisons);
        RandomStream rng = RandomStream.of(SEED + 22);
        List<String> report = new ArrayList<>();
        int checked = 0;
        for (double[] c : AGREEMENT_CASES) {
            Tensor tn = Tensor.scalar(c[0]), tb = Tensor.scalar(c[1]);
            for (TestFunction f : fs) {
                double exact = Autodiff.grad(List.of(tb), ps -> GammaMoments.expectation(tn, ps.get(0), f))
                        .get(0)
                        .item();
                double[] sum = new double[batches], mt = new double[batches];
                for (int b = 0; b < batches; b++) {
                    sum[b] = Autodiff.grad(
                                    List.of(tb),
                                    ps -> f.f().apply(IntegerShapeGamma.of(tn, ps.get(0))
                                                    .rsample(rng, Shape.of(m)))
                                            .mean())
                            .get(0)
                            .item();
                    mt[b] = Autodiff.grad(
                                    List.of(tb),
                                    ps -> f.f().apply(Gamma.of(tn, ps.get(0)).rsample(rng, Shape.of(m)))
                                            .mean())
                            .get(0)
                            .item();
                }
                double e1 = Stats.mean(sum), s1 = Math.sqrt(Stats.variance(sum) / batches);
                double e2 = Stats.mean(mt), s2 = Math.sqrt(Stats.variance(mt) / batches);
                report.add(String.format(
                        Locale.ROOT,
                        "  n %-4s rate %-4s f = %-6s d/d rate: exact %-11.6g sum-of-exp %-11.6g (SE %.2g, var %.4g)  Marsaglia-Tsang %-11.6g (SE %.2g, var %.4g)",
                        c[0],
                        c[1],
                        f.name(),
                        exact,
                        e1,
                        s1,
                        Stats.variance(sum) * m,
                        e2,
                        s2,
                        Stats.variance(mt) * m));
                double tol = 1e-9 * (1 + Math.abs(exact));
                assertTrue(
                        Math.abs(e1 - exact) <= k * s1 + tol,
                        "sum-of-exponentials " + f + " " + Arrays.toString(c) + ": " + e1 + " vs " + exact);
                assertTrue(
                        Math.abs(e2 - exact) <= k * s2 + tol,
                        "Marsaglia-Tsang " + f + " " + Arrays.toString(c) + ": " + e2 + " vs " + exact);
                assertTrue(
                        Math.abs(e1 - e2) <= k * Math.hypot(s1, s2) + tol,
                        "routes differ for " + f + " " + Arrays.toString(c) + ": " + e1 + " vs " + e2);
                checked += 3;
            }
            double[] ga = new double[batches];
            for (int b = 0; b < batches; b++) {
                ga[b] = Autodiff.grad(
                                List.of(tn),
                                ps -> Gamma.of(ps.get(0), tb)
                                        .rsample(rng, Shape.of(m))
                                        .mean())
                        .get(0)
                        .item();
            }
            double ea = Stats.mean(ga), sa = Math.sqrt(Stats.variance(ga) / batches);
            report.add(String.format(
                    Locale.ROOT,
                    "  n %-4s rate %-4s general Gamma dE[z]/d alpha %.6g (SE %.2g) vs 1/rate = %.6g",
                    c[0],
                    c[1],
                    ea,
                    sa,
                    1 / c[1]));
            assertTrue(
                    Math.abs(ea - 1 / c[1]) <= k * sa,
                    "dE[z]/d alpha at alpha = " + c[0] + ": " + ea + " vs " + 1 / c[1]);
            checked++;
        }
        TestReports.write(
                getClass(),
                "IntegerShapeGamma vs Gamma gradients (" + batches + " x " + m + " draws, k = "
                        + String.format(Locale.ROOT, "%.3f", k) + "):\n" + String.join("\n", report));
        assertEquals(comparisons, checked);
    }

    @Test
    void rsampleGivesNoGradientToTheIntegerShape() {
        Tensor n = Tensor.scalar(3), b = Tensor.scalar(2);
        List<Tensor> g = Autodiff.grad(
                List.of(n, b),
                ps -> IntegerShapeGamma.of(ps.get(0), ps.get(1))
                        .rsample(RandomStream.of(SEED), Shape.of(4))
                        .sum());
        assertEquals(0.0, g.get(0).item());
        assertFalse(g.get(1).item() == 0);
        assertThrows(IllegalArgumentException.class, () -> IntegerShapeGamma.of(Tensor.of(1.0, 2.5), Tensor.scalar(1)));
    }
}
