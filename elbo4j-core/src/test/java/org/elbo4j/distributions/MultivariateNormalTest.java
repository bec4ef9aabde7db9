package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link MultivariateNormal} against the distribution contract, plus the covariance route and batching. */
class MultivariateNormalTest extends DistributionContractTest<MultivariateNormal> {
    private static final Tensor L3 = Tensor.of(new double[] {2, 0, 0, 0.5, 1, 0, -0.3, 0.2, 0.7}, 3, 3);

    @Override
    protected String family() {
        return "MultivariateNormal";
    }

    @Override
    protected List<String> paramNames() {
        return List.of("loc", "scaleTril");
    }

    @Override
    protected MultivariateNormal create(List<Tensor> p) {
        return MultivariateNormal.ofScaleTril(p.get(0), p.get(1));
    }

    @Override
    protected boolean isLocationScale() {
        return true;
    }

    @Override
    protected List<Params> cases() {
        return List.of(
                params("2d identity", Tensor.of(0.0, 0.0), Tensor.eye(2)),
                params("3d correlated", Tensor.of(1.0, -2.0, 0.5), L3),
                params(
                        "badly scaled",
                        Tensor.of(0.0, 0.0, 0.0),
                        Tensor.of(new double[] {1e-3, 0, 0, 0, 1, 0, 0, 0, 1e3}, 3, 3)),
                params(
                        "nearly singular",
                        Tensor.of(0.0, 1.0),
                        Tensor.of(new double[] {1, 0, 0.999, 0.0447101778122163}, 2, 2)),
                params("1d", Tensor.of(5.0), Tensor.of(new double[] {0.25}, 1, 1)),
                params("batched loc [2,3], shared L", Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3), L3),
                params(
                        "batched L [2,2,2], shared loc",
                        Tensor.of(1.0, -1.0),
                        Tensor.of(new double[] {1, 0, 0.5, 2, 0.3, 0, -0.2, 0.4}, 2, 2, 2)));
    }

    @Override
    protected List<Params> gradientCases() {
        return List.of(
                params("2d identity", Tensor.of(0.0, 0.0), Tensor.eye(2)),
                params("3d correlated", Tensor.of(1.0, -2.0, 0.5), L3));
    }

    /**
     * With Σ_ii = Σ_j L_ij² (the variances): E[Σz_i] = Σμ_i, E[Σz_i²] = Σ(μ_i² + Σ_ii), E[Σ sin z_i] =
     * Σ sin(μ_i)·e^{−Σ_ii/2} (the normal characteristic function). Differentiable, so the exact gradient is autodiff.
     */
    @Override
    protected Tensor expectation(List<Tensor> p, TestFunction f) {
        Tensor mu = p.get(0), var = p.get(1).square().sum(-1);
        Tensor e;
        if (f == IDENTITY) e = mu.add(var.mul(0));
        else if (f == SQUARE) e = mu.square().add(var);
        else if (f == SIN) e = TestFunctions.sin(mu).mul(var.mul(-0.5).exp());
        else return null;
        return e.sum(-1);
    }

    @Override
    protected Tensor covariance(MultivariateNormal d) {
        return d.covarianceMatrix();
    }

    /** loc moved (by 10%, or to 0.1 where 0); L must stay lower-triangular. */
    @Override
    protected List<Tensor> perturb(List<Tensor> p) {
        double[] v = p.get(0).toArray();
        for (int i = 0; i < v.length; i++) v[i] = v[i] == 0 ? 0.1 : 1.1 * v[i];
        return List.of(Tensor.of(v, p.get(0).shape()), p.get(1));
    }

    @Override
    protected List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (double[][] row : readTable("mvn.csv")) {
            int d = row[0].length;
            Params p = params("mvn.csv d=" + d, Tensor.of(row[0]), Tensor.of(row[1], d, d));
            refs.add(new Reference(
                    p, Tensor.of(row[2]), Tensor.scalar(row[3][0]), "mvn.csv, mpmath via make_reference.py"));
        }
        return refs;
    }

    @Override
    protected List<BadParams> badParams() {
        Tensor loc = Tensor.of(0.0, 0.0);
        return List.of(
                new BadParams("loc", List.of(Tensor.scalar(0.0), Tensor.eye(1))),
                new BadParams("loc", List.of(Tensor.of(Double.NaN, 0.0), Tensor.eye(2))),
                new BadParams("scaleTril", List.of(loc, Tensor.of(new double[] {1, 0.5, 0, 1}, 2, 2))), // upper entry
                new BadParams(
                        "scaleTril", List.of(loc, Tensor.of(new double[] {1, 0, 0.5, -1}, 2, 2))), // negative diagonal
                new BadParams("scaleTril", List.of(loc, Tensor.of(new double[] {1, 0, 0.5, 0}, 2, 2))), // zero diagonal
                new BadParams("scaleTril", List.of(loc, Tensor.of(new double[] {1, 0, Double.NaN, 1}, 2, 2))),
                new BadParams("scaleTril", List.of(loc, Tensor.eye(3))), // wrong size
                new BadParams(
                        "scaleTril",
                        List.of(
                                Tensor.zeros(3, 2),
                                Tensor.of(new double[8], 2, 2, 2).add(Tensor.eye(2)))));
    }

    @Override
    protected List<KlCase> klCases() {
        Tensor lq = Tensor.of(new double[] {1.5, 0, 0, -0.4, 0.8, 0, 0.1, 0.3, 1.2}, 3, 3);
        return List.of(
                new KlCase(
                        "3d correlated || other",
                        params("3d correlated", Tensor.of(1.0, -2.0, 0.5), L3),
                        MultivariateNormal.ofScaleTril(Tensor.of(0.0, -1.0, 1.0), lq)),
                new KlCase(
                        "2d identity || nearly singular",
                        params("2d identity", Tensor.of(0.0, 0.0), Tensor.eye(2)),
                        MultivariateNormal.ofScaleTril(
                                Tensor.of(0.5, 0.5), Tensor.of(new double[] {2, 0, 1.9, 0.5}, 2, 2))),
                new KlCase(
                        "batched p [2] || shared q",
                        params("batched loc", Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3), L3),
                        MultivariateNormal.ofScaleTril(Tensor.of(0.0, -1.0, 1.0), lq)));
    }

    // ------------------------------------------------------------------ family-specific checks

    @Test
    void ofCovarianceMatchesTheCholeskyFactor() {
        Tensor sigma = L3.matmul(L3.transpose());
        MultivariateNormal a = MultivariateNormal.ofCovariance(Tensor.of(1.0, -2.0, 0.5), sigma);
        MultivariateNormal b = MultivariateNormal.ofScaleTril(Tensor.of(1.0, -2.0, 0.5), L3);
        Tensor x = b.sample(RandomStream.of(SEED), Shape.of(5));
        Tensor la = a.logProb(x), lb = b.logProb(x);
        for (int i = 0; i < 5; i++) assertEquals(lb.at(i), la.at(i), 1e-12 * (1 + Math.abs(lb.at(i))));
        for (int i = 0; i < 9; i++)
            assertEquals(sigma.at(i), a.covarianceMatrix().at(i), 1e-12);
    }

    /** The lower triangle of the last two dimensions (a constant mask times x: differentiable). */
    private static Tensor tril(Tensor x) {
        int d = x.dim(-1);
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) for (int j = 0; j <= i; j++) m[i * d + j] = 1;
        return x.mul(Tensor.of(m, d, d));
    }

    /** Finite differences move one entry of L at a time; an upper entry would be rejected, so project to tril(L). */
    @Override
    protected List<Tensor> project(List<Tensor> p) {
        return List.of(p.get(0), tril(p.get(1)));
    }

    /**
     * Σ enters through its lower triangle (as the Cholesky factorisation reads it): the function differentiated
     * is Σ ↦ logProb(ofCovariance(tril(Σ) + tril(Σ)ᵀ − diag Σ)), so each off-diagonal pair is one parameter and
     * finite differences on either entry agree with autodiff.
     */
    @Test
    void ofCovarianceIsDifferentiableInSigma() {
        Tensor sigma = L3.matmul(L3.transpose());
        Tensor x = Tensor.of(new double[] {0.3, -1.0, 2.0, 1.0, 0.0, 0.0}, 2, 3);
        var r = GradCheck.compare(
                List.of(Tensor.of(1.0, -2.0, 0.5), sigma),
                p -> {
                    Tensor low = tril(p.get(1));
                    Tensor sym = low.add(low.transpose()).sub(p.get(1).mul(Tensor.eye(3)));
                    return MultivariateNormal.ofCovariance(p.get(0), sym)
                            .logProb(x)
                            .sum();
                },
                FD_STEP);
        assertTrue(r.error() < FINITE_DIFFERENCE_TOL, r.toString());
        assertEquals(12, r.checked());
    }

    @Test
    void covarianceErrorsNameTheProblem() {
        Tensor loc = Tensor.of(0.0, 0.0);
        IllegalArgumentException notPd = assertThrows(
                IllegalArgumentException.class,
                () -> MultivariateNormal.ofCovariance(loc, Tensor.of(new double[] {1, 2, 2, 1}, 2, 2)));
        assertTrue(
                notPd.getMessage().contains("MultivariateNormal")
                        && notPd.getMessage().contains("covarianceMatrix")
                        && notPd.getMessage().contains("not positive definite"),
                notPd.getMessage());
        IllegalArgumentException asym = assertThrows(
                IllegalArgumentException.class,
                () -> MultivariateNormal.ofCovariance(loc, Tensor.of(new double[] {2, 0.5, 0.4, 2}, 2, 2)));
        assertTrue(asym.getMessage().contains("covarianceMatrix is not symmetric"), asym.getMessage());
        IllegalArgumentException shape =
                assertThrows(IllegalArgumentException.class, () -> MultivariateNormal.ofCovariance(loc, Tensor.eye(3)));
        assertTrue(shape.getMessage().contains("covarianceMatrix must have shape"), shape.getMessage());
    }

    @Test
    void batchedLogProbEqualsEachMembersLogProb() {
        Tensor locs = Tensor.of(new double[] {0, 0, 0, 1, 2, 3}, 2, 3);
        Tensor ls = Tensor.stack(L3, Tensor.eye(3).mul(2));
        MultivariateNormal batched = MultivariateNormal.ofScaleTril(locs, ls);
        assertEquals(Shape.of(2), batched.batchShape());
        Tensor x = batched.sample(RandomStream.of(SEED), Shape.of(4)); // [4, 2, 3]
        Tensor lp = batched.logProb(x); // [4, 2]
        Tensor h = batched.entropy();
        for (int b = 0; b < 2; b++) {
            MultivariateNormal one = MultivariateNormal.ofScaleTril(locs.index(b), ls.index(b));
            assertEquals(one.entropy().item(), h.at(b), 1e-14);
            for (int s = 0; s < 4; s++) {
                double want = one.logProb(x.index(s).index(b)).item();
                assertEquals(want, lp.at(s * 2 + b), 1e-12 * (1 + Math.abs(want)));
            }
        }
    }

    @Test
    void infiniteValueHasLogProbMinusInfinity() {
        MultivariateNormal d = MultivariateNormal.ofScaleTril(Tensor.of(1.0, -2.0, 0.5), L3);
        Tensor lp = d.logProb(
                Tensor.of(new double[] {0, 0, 0, Double.POSITIVE_INFINITY, 0, Double.NEGATIVE_INFINITY}, 2, 3));
        assertTrue(Double.isFinite(lp.at(0)));
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(1));
    }

    @Test
    void klGradientsMatchFiniteDifferences() {
        Tensor lq = Tensor.of(new double[] {1.5, 0, 0, -0.4, 0.8, 0, 0.1, 0.3, 1.2}, 3, 3);
        var r = GradCheck.compare(
                List.of(Tensor.of(1.0, -2.0, 0.5), L3, Tensor.of(0.0, -1.0, 1.0), lq),
                p -> KlDivergence.of(
                        MultivariateNormal.ofScaleTril(p.get(0), tril(p.get(1))),
                        MultivariateNormal.ofScaleTril(p.get(2), tril(p.get(3)))),
                FD_STEP);
        assertTrue(r.error() < FINITE_DIFFERENCE_TOL, r.toString());
        assertEquals(24, r.checked());
    }
}
