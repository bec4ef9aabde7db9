package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.testkit.TestReports;
import org.junit.jupiter.api.Test;

/**
 * {@link Dirichlet} (normalised implicit-gradient gammas) against the distribution contract (moment tests, closed-form
 * expectations), plus KS tests of every component against its Beta(α_k, α₀ − α_k) marginal.
 */
class DirichletTest extends DistributionContractTest<Dirichlet> {
    /** f(z) = z³. */
    static final TestFunction CUBE = new TestFunction("z^3", z -> z.square().mul(z));

    @Override
    protected String family() {
        return "Dirichlet";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("concentration");
    }

    @Override
    protected Dirichlet create(List<Tensor> p) {
        return Dirichlet.of(p.get(0));
    }

    /** The gradient is implicit (through the gammas' CDFs): no fixed-noise path to difference. */
    @Override
    protected Set<Integer> fixedNoisePathwiseParams() {
        return Set.of();
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("uniform K=3", Tensor.of(1.0, 1.0, 1.0)),
                params("K=4", Tensor.of(2.0, 3.0, 4.0, 5.0)),
                params("sparse", Tensor.of(0.1, 0.2, 0.7)),
                params("large", Tensor.of(50.0, 100.0, 150.0)),
                params("K=2", Tensor.of(0.5, 1.5)),
                params("batched [2] x K=3", Tensor.of(new double[] {1, 2, 3, 0.3, 0.3, 5}, 2, 3)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(params("K=4", Tensor.of(2.0, 3.0, 4.0, 5.0)), params("small", Tensor.of(0.3, 0.5, 2.0)));
    }

    /** Σ_k z_k = 1 makes f = z trivial; these are not. */
    @Override
    protected List<TestFunction> testFunctions() {
        return List.of(SQUARE, CUBE, GammaMoments.LOG);
    }

    /**
     * With α₀ = Σα: E[z_k²] = α_k(α_k + 1)/(α₀(α₀ + 1)), E[z_k³] = α_k(α_k + 1)(α_k + 2)/(α₀(α₀ + 1)(α₀ + 2)),
     * E[log z_k] = ψ(α_k) − ψ(α₀); summed over k.
     */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor a = p.get(0), a0 = a.sum(-1, true);
        Tensor e = switch (f.name()) {
            case "z^2" -> a.mul(a.add(1)).div(a0.mul(a0.add(1)));
            case "z^3" -> a.mul(a.add(1)).mul(a.add(2)).div(a0.mul(a0.add(1)).mul(a0.add(2)));
            case "log z" -> a.digamma().sub(a0.digamma());
            default -> null;
        };
        return e == null ? null : e.sum(-1);
    }

    @Override
    protected Tensor covariance(Dirichlet d) {
        return d.covarianceMatrix();
    }

    /** The first concentration of every batch member times 1.1 (scaling all of them keeps the mean). */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        double[] a = p.get(0).toArray();
        int k = p.get(0).dim(-1);
        for (int i = 0; i < a.length; i += k) a[i] *= 1.1;
        return List.of(Tensor.of(a, p.get(0).shape()));
    }

    @Override
    protected List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (double[][] row : readTable("dirichlet.csv")) {
            refs.add(new Reference(
                    params("dirichlet.csv K=" + row[0].length, Tensor.of(row[0])),
                    Tensor.of(row[1]),
                    Tensor.scalar(row[2][0]),
                    "dirichlet.csv, mpmath cross-checked with SciPy via make_reference_gamma.py"));
        }
        return refs;
    }

    @Override
    protected List<BadParams> badParams() {
        return List.of(
                new BadParams("concentration", List.of(Tensor.scalar(1.0))),
                new BadParams("concentration", List.of(Tensor.of(1.0, 0.0, 2.0))),
                new BadParams("concentration", List.of(Tensor.of(1.0, -1.0))),
                new BadParams("concentration", List.of(Tensor.of(Double.NaN, 1.0))),
                new BadParams("concentration", List.of(Tensor.of(Double.POSITIVE_INFINITY, 1.0))));
    }

    @Override
    protected List<KlCase> klCases() {
        return List.of(
                new KlCase(
                        "Dir(2,3,4,5) || Dir(1,1,1,1)",
                        params("K=4", Tensor.of(2.0, 3.0, 4.0, 5.0)),
                        Dirichlet.of(1.0, 1.0, 1.0, 1.0)),
                new KlCase(
                        "Dir(0.3,0.5,2) || Dir(1,2,3)",
                        params("small", Tensor.of(0.3, 0.5, 2.0)),
                        Dirichlet.of(1.0, 2.0, 3.0)),
                new KlCase(
                        "Dir(batched) || Dir(1,1,1)",
                        params("batched", Tensor.of(new double[] {1, 2, 3, 0.3, 0.3, 5}, 2, 3)),
                        Dirichlet.of(1.0, 1.0, 1.0)));
    }

    // ------------------------------------------------------------------ family-specific

    /**
     * Each component z_k of Dirichlet(α) is Beta(α_k, α₀ − α_k): a one-sample KS test of every component of 20 000
     * draws (sample and rsample) against that Beta CDF, critical value at 1e−3 split over the 20 tests. A component
     * whose mass sits near 1 is tested through w = Σ_{j≠k} z_j ~ Beta(α₀ − α_k, α_k) instead: a double rounds
     * z_k = 1 − 10⁻¹⁸ to 1 (2.5% of the draws of Beta(1, 0.1) lie that close), while w keeps it.
     */
    @Test
    void componentsHaveBetaMarginals() {
        double[][] alphas = {{0.3, 0.5, 2.0}, {2, 3, 4, 5}, {0.05, 0.05, 1}};
        int n = 20_000, tests = 2 * (3 + 4 + 3);
        double crit = Stats.ksCritical(n, FAMILY_ALPHA / tests);
        RandomStream rng = RandomStream.of(SEED + 41);
        List<String> report = new ArrayList<>();
        int ran = 0;
        for (double[] a : alphas) {
            Dirichlet d = Dirichlet.of(a);
            double a0 = 0;
            for (double v : a) a0 += v;
            for (int route = 0; route < 2; route++) {
                Tensor z = route == 0 ? d.sample(rng, Shape.of(n)) : d.rsample(rng, Shape.of(n));
                for (int k = 0; k < a.length; k++) {
                    boolean nearOne = a[k] > a0 - a[k];
                    double[] zk = new double[n];
                    for (int i = 0; i < n; i++) {
                        double w = 0;
                        for (int j = 0; j < a.length; j++) if (j != k) w += z.at(i * a.length + j);
                        zk[i] = nearOne ? w : z.at(i * a.length + k);
                    }
                    double[] u = (nearOne ? Beta.of(a0 - a[k], a[k]) : Beta.of(a[k], a0 - a[k]))
                            .cdf(Tensor.of(zk))
                            .toArray();
                    double ks = Stats.ksStatistic(u);
                    report.add(String.format(
                            Locale.ROOT,
                            "  %s %s component %d: D = %.5f",
                            java.util.Arrays.toString(a),
                            route == 0 ? "sample" : "rsample",
                            k,
                            ks));
                    assertTrue(
                            ks <= crit,
                            "Dirichlet" + java.util.Arrays.toString(a) + " component " + k + ": KS " + ks + " > "
                                    + crit);
                    ran++;
                }
            }
        }
        assertEquals(tests, ran);
        TestReports.write(
                getClass(),
                "Dirichlet marginals vs Beta (critical " + String.format(Locale.ROOT, "%.5f", crit) + "):\n"
                        + String.join("\n", report));
    }

    /** Off-simplex events get −∞ and leave the gradient finite; on-simplex events of the same batch are unaffected. */
    @Test
    void valuesOffTheSimplexHaveLogProbMinusInfinity() {
        Tensor x = Tensor.of(new double[] {0.5, 0.6, -0.1, 0.2, 0.3, 0.5, 0.2, 0.2, 0.2}, 3, 3);
        Tensor[] lp = new Tensor[1];
        Tensor g = org.elbo4j.autodiff.Autodiff.grad(List.of(Tensor.of(1.5, 2.0, 3.0)), ps -> {
                    lp[0] = Dirichlet.of(ps.get(0)).logProb(x);
                    return lp[0].index(1);
                })
                .get(0);
        assertEquals(Double.NEGATIVE_INFINITY, lp[0].at(0));
        assertEquals(Double.NEGATIVE_INFINITY, lp[0].at(2)); // sums to 0.6
        assertEquals(
                Dirichlet.of(1.5, 2.0, 3.0).logProb(Tensor.of(0.2, 0.3, 0.5)).item(), lp[0].at(1), 0.0);
        for (int i = 0; i < 3; i++) assertTrue(Double.isFinite(g.at(i)), "gradient " + g);
    }
}
