package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Beta} (X/(X + Y) of implicit-gradient gammas) against the distribution contract, with closed-form expectations. */
class BetaTest extends DistributionContractTest<Beta> {
    /** f(z) = log(1 − z). */
    static final TestFunction LOG1M = new TestFunction("log(1-z)", z -> z.neg().log1p());

    @Override
    protected String family() {
        return "Beta";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("concentration1", "concentration0");
    }

    @Override
    protected Beta create(List<Tensor> p) {
        return Beta.of(p.get(0), p.get(1));
    }

    /** Both gradients are implicit (through the gammas' CDFs): no fixed-noise path to difference. */
    @Override
    protected Set<Integer> fixedNoisePathwiseParams() {
        return Set.of();
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("(2, 3)", 2.0, 3.0),
                params("uniform (1, 1)", 1.0, 1.0),
                params("(0.5, 2)", 0.5, 2.0),
                params("arcsine (0.5, 0.5)", 0.5, 0.5),
                params("small (0.1, 0.2)", 0.1, 0.2),
                params("large (50, 20)", 50.0, 20.0),
                params("huge (2000, 1000)", 2000.0, 1000.0),
                params("batched [3]", Tensor.of(0.3, 1.0, 8.0), Tensor.of(3.0, 1.0, 0.7)));
    }

    /** The density is singular at 1 when β &lt; 1, which doubles cannot resolve (see the contract). */
    @Override
    protected List<Params> quadratureCases() {
        return cases().stream()
                .filter(c -> c.allScalar() && c.values().get(1).item() >= 1)
                .toList();
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("(2, 3)", 2.0, 3.0),
                params("(0.5, 2)", 0.5, 2.0),
                params("small (0.1, 0.2)", 0.1, 0.2),
                params("large (50, 20)", 50.0, 20.0));
    }

    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE, GammaMoments.LOG, LOG1M);
    }

    /**
     * E[z] = α/(α + β), E[z²] = α(α + 1)/((α + β)(α + β + 1)), E[log z] = ψ(α) − ψ(α + β),
     * E[log(1 − z)] = ψ(β) − ψ(α + β).
     */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor a = p.get(0), b = p.get(1), s = a.add(b);
        return switch (f.name()) {
            case "z" -> a.div(s);
            case "z^2" -> a.mul(a.add(1)).div(s.mul(s.add(1)));
            case "log z" -> a.digamma().sub(s.digamma());
            case "log(1-z)" -> b.digamma().sub(s.digamma());
            default -> null;
        };
    }

    /** α only: scaling both keeps the mean. */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        return List.of(p.get(0).mul(1.1), p.get(1));
    }

    @Override
    protected List<Reference> references() {
        return readScalarReferences(
                "beta.csv", "beta.csv, mpmath cross-checked with SciPy via make_reference_gamma.py");
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                bad("concentration1", 0.0, 1.0),
                bad("concentration1", -1.0, 1.0),
                bad("concentration1", Double.NaN, 1.0),
                bad("concentration0", 2.0, 0.0),
                bad("concentration0", 2.0, Double.POSITIVE_INFINITY),
                bad("concentration0", 2.0, Double.NaN));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase("Beta(2, 3) || Beta(1, 1)", params("(2, 3)", 2.0, 3.0), Beta.of(1.0, 1.0)),
                new KlCase("Beta(0.5, 2) || Beta(3, 3)", params("(0.5, 2)", 0.5, 2.0), Beta.of(3.0, 3.0)),
                new KlCase(
                        "Beta(batched) || Beta(2, 2)",
                        params("batched", Tensor.of(0.3, 1.0, 8.0), Tensor.of(3.0, 1.0, 0.7)),
                        Beta.of(2.0, 2.0)));
    }

    // ------------------------------------------------------------------ family-specific

    /** Beta(α, β) is the first coordinate of Dirichlet([α, β]): the log densities agree (to rounding). */
    @Test
    void logProbEqualsTheTwoComponentDirichlet() {
        double[][] ab = {{2, 3}, {0.5, 0.5}, {0.1, 7}, {300, 40}};
        double[] xs = {1e-6, 0.2, 0.5, 0.93};
        int checked = 0;
        for (double[] p : ab) {
            for (double x : xs) {
                double b = Beta.of(p[0], p[1]).logProb(Tensor.scalar(x)).item();
                double d = Dirichlet.of(p[0], p[1]).logProb(Tensor.of(x, 1 - x)).item();
                assertEquals(
                        d, b, 1e-11 * Math.max(1, Math.abs(d)), "Beta" + java.util.Arrays.toString(p) + " at " + x);
                checked++;
            }
        }
        assertEquals(16, checked);
    }

    /**
     * Tiny concentrations (α = β = 0.01): the gamma draws underflow to 0 about 8e−4 of the time, but the log-space
     * ratio does not, so E[z] = ½ holds: the mean of 40 000 draws is within 4.4 SE (two-sided 1e−5) of ½, with SE =
     * √(Var z / n), Var z = αβ/((α+β)²(α+β+1)) = 0.245.
     */
    @Test
    void tinyConcentrationsKeepTheMean() {
        int n = 40_000;
        double[] z = Beta.of(0.01, 0.01)
                .sample(RandomStream.of(SEED + 31), Shape.of(n))
                .toArray();
        double var = 0.01 * 0.01 / (0.02 * 0.02 * 1.02);
        double se = Math.sqrt(var / n);
        int interior = 0;
        for (double v : z) if (v > 0 && v < 1) interior++;
        assertTrue(Math.abs(Stats.mean(z) - 0.5) <= 4.4 * se, "mean " + Stats.mean(z) + " vs 0.5, SE " + se);
        assertTrue(interior > 0, "no draw strictly inside (0, 1)");
    }
}
