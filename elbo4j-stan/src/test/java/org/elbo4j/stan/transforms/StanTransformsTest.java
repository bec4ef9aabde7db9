package org.elbo4j.stan.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Stan's transforms: log|J| against the log-determinant of a central finite-difference Jacobian of the map from the
 * unconstrained values to the free entries of the constrained value; gradients (of a random linear functional of
 * the value plus log|J|, into the unconstrained values and into the bounds) against {@link GradCheck}; round trips
 * through the inverses; known values; and the errors.
 *
 * <p>Tolerances: central differences with h = 1e−6·max(1, |x|) have truncation error O(h²) ≈ 1e−12 and rounding
 * error O(ε/h) ≈ 1e−10 per Jacobian entry; the log-determinant of a well-conditioned n×n Jacobian (n ≤ 10 here)
 * inherits about n·1e−10, so 1e−6 (relative to max(1, |log det|)) fails only a wrong formula. GradCheck's 1e−6 is
 * its documented separation of a wrong gradient from noise. Points are uniform(−2, 2), Stan's initialisation box,
 * from a fixed seed.
 */
class StanTransformsTest {
    static final double FD_TOL = 1e-6, GRAD_TOL = 1e-6, ROUND_TRIP = 1e-10;

    /** A transform from unconstrained values x (one event) to (value, log|J|), with the free entries of the value. */
    record Case(
            String name,
            int n,
            Function<Tensor, Constrained> f,
            int[] freeOutputs,
            Function<Tensor, double[]> inverse) {}

    static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    static int[] lowerTriangle(int k, boolean strict) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < k; i++) for (int j = 0; j < (strict ? i : i + 1); j++) idx.add(i * k + j);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<Case> cases() {
        Tensor lbs = Tensor.of(-1, 0.5, Double.NEGATIVE_INFINITY), ubs = Tensor.of(2, 0.75, 3);
        List<Case> cs = new ArrayList<>();
        cs.add(new Case(
                "lower scalar",
                3,
                x -> StanTransforms.lower(x, Tensor.scalar(1.5)),
                all(3),
                y -> StanTransforms.unconstrainLower(y, Tensor.scalar(1.5))));
        cs.add(new Case(
                "lower container with -inf",
                3,
                x -> StanTransforms.lower(x, lbs),
                all(3),
                y -> StanTransforms.unconstrainLower(y, lbs)));
        cs.add(new Case(
                "upper container",
                3,
                x -> StanTransforms.upper(x, ubs),
                all(3),
                y -> StanTransforms.unconstrainUpper(y, ubs)));
        cs.add(new Case(
                "lower upper container",
                3,
                x -> StanTransforms.lowerUpper(x, lbs, ubs),
                all(3),
                y -> StanTransforms.unconstrainLowerUpper(y, lbs, ubs)));
        cs.add(new Case(
                "lower upper scalar",
                4,
                x -> StanTransforms.lowerUpper(x, Tensor.scalar(-3), Tensor.scalar(0.25)),
                all(4),
                y -> StanTransforms.unconstrainLowerUpper(y, Tensor.scalar(-3), Tensor.scalar(0.25))));
        cs.add(new Case(
                "offset multiplier",
                3,
                x -> StanTransforms.offsetMultiplier(x, Tensor.of(1, -2, 0), Tensor.scalar(2.5)),
                all(3),
                y -> StanTransforms.unconstrainOffsetMultiplier(y, Tensor.of(1, -2, 0), Tensor.scalar(2.5))));
        cs.add(new Case("simplex[5]", 4, StanTransforms::simplex, all(4), StanTransforms::unconstrainSimplex));
        cs.add(new Case("ordered[4]", 4, StanTransforms::ordered, all(4), StanTransforms::unconstrainOrdered));
        cs.add(new Case(
                "positive_ordered[4]",
                4,
                StanTransforms::positiveOrdered,
                all(4),
                StanTransforms::unconstrainPositiveOrdered));
        cs.add(new Case(
                "cholesky_factor_corr[4]",
                6,
                x -> StanTransforms.choleskyFactorCorr(x, 4),
                lowerTriangle(4, true),
                StanTransforms::unconstrainCholeskyFactorCorr));
        cs.add(new Case(
                "cholesky_factor_cov[4, 3]",
                9,
                x -> StanTransforms.choleskyFactorCov(x, 4, 3),
                new int[] {0, 3, 4, 6, 7, 8, 9, 10, 11},
                StanTransforms::unconstrainCholeskyFactorCov));
        cs.add(new Case(
                "corr_matrix[4]",
                6,
                x -> StanTransforms.corrMatrix(x, 4),
                lowerTriangle(4, true),
                StanTransforms::unconstrainCorrMatrix));
        cs.add(new Case(
                "corr_matrix[3]",
                3,
                x -> StanTransforms.corrMatrix(x, 3),
                lowerTriangle(3, true),
                StanTransforms::unconstrainCorrMatrix));
        cs.add(new Case(
                "cov_matrix[3]",
                6,
                x -> StanTransforms.covMatrix(x, 3),
                lowerTriangle(3, false),
                StanTransforms::unconstrainCovMatrix));
        cs.add(new Case(
                "cov_matrix[4]",
                10,
                x -> StanTransforms.covMatrix(x, 4),
                lowerTriangle(4, false),
                StanTransforms::unconstrainCovMatrix));
        return cs;
    }

    static Tensor uniform(RandomStream rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = scale * (2 * rng.nextDouble() - 1);
        return Tensor.of(v);
    }

    static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        double s = 0;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            s += Math.log(Math.abs(m[c][c]));
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) m[r][k] -= f * m[c][k];
            }
        }
        return s;
    }

    @Test
    void logJacobianMatchesFiniteDifferenceDeterminant() {
        RandomStream rng = RandomStream.of(11);
        int checked = 0;
        for (Case c : cases()) {
            for (int point = 0; point < 5; point++) {
                Tensor x = uniform(rng, c.n(), 2);
                double[] xs = x.toArray();
                double got = c.f().apply(x).logJacobian().item();
                double[][] jac = new double[c.freeOutputs().length][c.n()];
                for (int i = 0; i < c.n(); i++) {
                    double h = 1e-6 * Math.max(1, Math.abs(xs[i]));
                    double[] p = xs.clone(), m = xs.clone();
                    p[i] += h;
                    m[i] -= h;
                    Tensor yp = c.f().apply(Tensor.of(p)).value(),
                            ym = c.f().apply(Tensor.of(m)).value();
                    for (int a = 0; a < c.freeOutputs().length; a++) {
                        jac[a][i] = (yp.at(c.freeOutputs()[a]) - ym.at(c.freeOutputs()[a])) / (2 * h);
                    }
                }
                assertEquals(c.n(), c.freeOutputs().length, c.name() + ": the Jacobian must be square");
                double want = logAbsDet(jac);
                assertTrue(
                        Math.abs(got - want) <= FD_TOL * Math.max(1, Math.abs(want)),
                        c.name() + ": log|J| = " + got + " but finite differences give " + want + " at " + x);
                checked++;
            }
        }
        assertEquals(5 * cases().size(), checked);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RandomStream rng = RandomStream.of(12);
        for (Case c : cases()) {
            for (int point = 0; point < 3; point++) {
                Tensor x = uniform(rng, c.n(), 2);
                int outSize = c.f().apply(x).value().size();
                Tensor w = uniform(rng, outSize, 1);
                var r = GradCheck.compare(
                        List.of(x),
                        p -> {
                            Constrained k = c.f().apply(p.get(0));
                            return k.value().reshape(outSize).mul(w).sum().add(k.logJacobian());
                        },
                        1e-6);
                assertTrue(r.error() < GRAD_TOL, c.name() + ": " + r);
                assertEquals(c.n(), r.checked());
            }
        }
    }

    @Test
    void gradientsFlowIntoBounds() {
        RandomStream rng = RandomStream.of(13);
        Tensor x = uniform(rng, 3, 2), w = uniform(rng, 3, 1);
        List<Function<List<Tensor>, Constrained>> fs = List.of(
                p -> StanTransforms.lower(p.get(0), p.get(1)),
                p -> StanTransforms.upper(p.get(0), p.get(1)),
                p -> StanTransforms.lowerUpper(
                        p.get(0), p.get(1), p.get(1).add(p.get(2).exp())),
                p -> StanTransforms.offsetMultiplier(
                        p.get(0), p.get(1), p.get(2).exp()));
        for (Function<List<Tensor>, Constrained> f : fs) {
            for (Tensor b : List.of(Tensor.scalar(0.3), Tensor.of(-0.4, 0.2, 1.1))) {
                Tensor b2 = b.size() == 1 ? Tensor.scalar(-0.7) : Tensor.of(0.1, -0.5, 0.9);
                var r = GradCheck.compare(
                        List.of(x, b, b2),
                        p -> {
                            Constrained k = f.apply(p);
                            return k.value().mul(w).sum().add(k.logJacobian());
                        },
                        1e-6);
                assertTrue(r.error() < GRAD_TOL, "bounds of shape " + b.shape() + ": " + r);
                assertEquals(x.size() + b.size() + b2.size(), r.checked());
            }
        }
    }

    @Test
    void inversesRoundTrip() {
        RandomStream rng = RandomStream.of(14);
        for (Case c : cases()) {
            for (int point = 0; point < 5; point++) {
                Tensor x = uniform(rng, c.n(), 2);
                double[] back = c.inverse().apply(c.f().apply(x).value());
                double[] xs = x.toArray();
                assertEquals(xs.length, back.length, c.name());
                for (int i = 0; i < xs.length; i++) {
                    assertEquals(xs[i], back[i], ROUND_TRIP * (1 + Math.abs(xs[i])), c.name() + " element " + i);
                }
            }
        }
    }

    @Test
    void arraysOfVectorsAndMatricesTransformEachElement() {
        RandomStream rng = RandomStream.of(15);
        Tensor batch = uniform(rng, 2 * 3 * 6, 2).reshape(2, 3, 6);
        for (Function<Tensor, Constrained> f : List.<Function<Tensor, Constrained>>of(
                y -> StanTransforms.choleskyFactorCorr(y, 4),
                y -> StanTransforms.corrMatrix(y, 4),
                y -> StanTransforms.choleskyFactorCov(y, 3, 3),
                y -> StanTransforms.simplex(y),
                StanTransforms::ordered)) {
            Constrained all = f.apply(batch);
            double lj = 0;
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    Constrained one = f.apply(batch.index(i).index(j));
                    lj += one.logJacobian().item();
                    for (double v : one.value().toArray()) values.add(v);
                }
            }
            assertEquals(lj, all.logJacobian().item(), 1e-12 * Math.max(1, Math.abs(lj)));
            assertArrayEquals(
                    values.stream().mapToDouble(Double::doubleValue).toArray(),
                    all.value().toArray(),
                    0);
            assertEquals(2, all.value().dim(0));
            assertEquals(3, all.value().dim(1));
        }
        assertEquals(
                List.of(2, 3, 7),
                List.of(
                        StanTransforms.simplex(batch).value().shape().dims()[0],
                        StanTransforms.simplex(batch).value().dim(1),
                        StanTransforms.simplex(batch).value().dim(2)));
    }

    @Test
    void knownValues() {
        // Stan's centring: zeros give the uniform simplex; lub at 0 the midpoint; CPCs of 0 the identity.
        assertArrayEquals(
                new double[] {0.25, 0.25, 0.25, 0.25},
                StanTransforms.simplex(Tensor.zeros(3)).value().toArray(),
                1e-15);
        assertEquals(
                1.5,
                StanTransforms.lowerUpper(Tensor.scalar(0), Tensor.scalar(1), Tensor.scalar(2))
                        .value()
                        .item(),
                0);
        assertEquals(
                Math.log(0.25),
                StanTransforms.lowerUpper(Tensor.scalar(0), Tensor.scalar(1), Tensor.scalar(2))
                        .logJacobian()
                        .item(),
                1e-15);
        assertArrayEquals(
                Tensor.eye(3).toArray(),
                StanTransforms.choleskyFactorCorr(Tensor.zeros(3), 3).value().toArray(),
                0);
        assertArrayEquals(
                Tensor.eye(3).toArray(),
                StanTransforms.corrMatrix(Tensor.zeros(3), 3).value().toArray(),
                0);
        // cov_matrix of zeros: Σ = I and log|J| = K·log 2 (the diagonal terms vanish)
        assertArrayEquals(
                Tensor.eye(3).toArray(),
                StanTransforms.covMatrix(Tensor.zeros(6), 3).value().toArray(),
                0);
        assertEquals(
                3 * Math.log(2),
                StanTransforms.covMatrix(Tensor.zeros(6), 3).logJacobian().item(),
                1e-15);
        // lub guard: inv_logit(40) rounds to 1, Stan keeps the value 1e-15 inside the bound
        assertEquals(
                1 - 1e-15,
                StanTransforms.lowerUpper(Tensor.scalar(40), Tensor.scalar(0), Tensor.scalar(1))
                        .value()
                        .item(),
                0);
        // both bounds infinite: identity, no Jacobian term
        Constrained id = StanTransforms.lowerUpper(
                Tensor.scalar(0.7), Tensor.scalar(Double.NEGATIVE_INFINITY), Tensor.scalar(Double.POSITIVE_INFINITY));
        assertEquals(0.7, id.value().item(), 0);
        assertEquals(0, id.logJacobian().item(), 0);
        // unit_vector: Stan adds −½‖y‖²
        Constrained u = StanTransforms.unitVector(Tensor.of(3, 4));
        assertArrayEquals(new double[] {0.6, 0.8}, u.value().toArray(), 1e-15);
        assertEquals(-12.5, u.logJacobian().item(), 0);
        // a one-element simplex has no free value
        assertArrayEquals(
                new double[] {1},
                StanTransforms.simplex(Tensor.zeros(0)).value().toArray(),
                0);
        // cholesky_factor_corr[2]: L = [[1, 0], [tanh y, sqrt(1 − tanh² y)]], log|J| = log(1 − tanh² y)
        Constrained l2 = StanTransforms.choleskyFactorCorr(Tensor.of(0.4), 2);
        double t = Math.tanh(0.4);
        assertArrayEquals(
                new double[] {1, 0, t, Math.sqrt(1 - t * t)}, l2.value().toArray(), 1e-15);
        assertEquals(Math.log1p(-t * t), l2.logJacobian().item(), 1e-15);
    }

    @Test
    void emptyAndOneElementTypes() {
        assertArrayEquals(
                new int[] {3, 1},
                StanTransforms.simplex(Tensor.zeros(3, 0)).value().shape().dims());
        assertArrayEquals(
                new double[] {1, 1, 1},
                StanTransforms.simplex(Tensor.zeros(3, 0)).value().toArray(),
                0);
        assertEquals(0, StanTransforms.ordered(Tensor.zeros(0)).value().size());
        assertEquals(
                0,
                StanTransforms.positiveOrdered(Tensor.zeros(2, 0)).logJacobian().item(),
                0);
        assertArrayEquals(
                new double[] {1},
                StanTransforms.choleskyFactorCorr(Tensor.zeros(0), 1).value().toArray(),
                0);
        assertArrayEquals(
                new double[] {1},
                StanTransforms.corrMatrix(Tensor.zeros(0), 1).value().toArray(),
                0);
        Constrained cov1 = StanTransforms.covMatrix(Tensor.of(0.5), 1);
        assertEquals(Math.exp(1.0), cov1.value().item(), 1e-15);
        // K = 1: log 2 + 2·log L(0,0) = log 2 + 2·0.5, the log|J| of x ↦ exp(2x)
        assertEquals(Math.log(2) + 1.0, cov1.logJacobian().item(), 1e-15);
        assertEquals(
                0,
                StanTransforms.lower(Tensor.zeros(0), Tensor.scalar(0)).value().size());
        assertEquals(0, StanTransforms.unconstrainSimplex(Tensor.of(1.0)).length);
    }

    @Test
    void unitVectorGradientsMatchFiniteDifferences() {
        RandomStream rng = RandomStream.of(16);
        for (int point = 0; point < 3; point++) {
            Tensor y = uniform(rng, 2 * 4, 2).reshape(2, 4),
                    w = uniform(rng, 8, 1).reshape(2, 4);
            var r = GradCheck.compare(
                    List.of(y),
                    p -> {
                        Constrained k = StanTransforms.unitVector(p.get(0));
                        return k.value().mul(w).sum().add(k.logJacobian());
                    },
                    1e-6);
            assertTrue(r.error() < GRAD_TOL, "unit_vector: " + r);
            Constrained k = StanTransforms.unitVector(y);
            double[] back = StanTransforms.unconstrainUnitVector(k.value());
            assertArrayEquals(k.value().toArray(), back, 0);
        }
    }

    @Test
    void stanOrderOfMatricesIsColumnMajor() {
        // a 2×3 matrix read from Stan's order 1..6: column by column
        Tensor m = StanTransforms.fromStanOrder(Tensor.of(1, 2, 3, 4, 5, 6), 2, 3);
        assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, m.toArray(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, StanTransforms.toStanOrder(m.toArray(), 2, 3), 0);
        // an array of two 2×2 matrices: each matrix column-major, the array row-major
        Tensor a = StanTransforms.fromStanOrder(Tensor.of(1, 2, 3, 4, 5, 6, 7, 8), 2, 2, 2);
        assertArrayEquals(new double[] {1, 3, 2, 4, 5, 7, 6, 8}, a.toArray(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, StanTransforms.toStanOrder(a.toArray(), 2, 2, 2), 0);
    }

    @Test
    void unconstrainedSizes() {
        assertEquals(1, StanConstraint.LOWER.unconstrainedSize(new int[0]));
        assertEquals(12, StanConstraint.NONE.unconstrainedSize(new int[] {2}, 2, 3));
        assertEquals(9, StanConstraint.SIMPLEX.unconstrainedSize(new int[] {3}, 4));
        assertEquals(6, StanConstraint.CHOLESKY_FACTOR_CORR.unconstrainedSize(new int[0], 4));
        assertEquals(6, StanConstraint.CORR_MATRIX.unconstrainedSize(new int[0], 4));
        assertEquals(10, StanConstraint.COV_MATRIX.unconstrainedSize(new int[0], 4));
        assertEquals(9, StanConstraint.CHOLESKY_FACTOR_COV.unconstrainedSize(new int[0], 4, 3));
        assertEquals(0, StanConstraint.SIMPLEX.unconstrainedSize(new int[] {0}, 4));
        assertEquals(4, StanConstraint.UNIT_VECTOR.unconstrainedSize(new int[0], 4));
        assertThrows(
                IllegalArgumentException.class,
                () -> StanConstraint.CHOLESKY_FACTOR_COV.unconstrainedSize(new int[0], 2, 3));
        for (Case c : cases()) {
            assertTrue(c.n() > 0);
        }
    }

    @Test
    void errorsNameTheTransformAndTheProblem() {
        var e = assertThrows(
                ConstraintViolationException.class,
                () -> StanTransforms.lowerUpper(Tensor.scalar(0), Tensor.scalar(3), Tensor.scalar(1)));
        assertEquals("lub_constrain: lb is 3, but must be less than 1", e.getMessage());
        e = assertThrows(
                ConstraintViolationException.class,
                () -> StanTransforms.offsetMultiplier(Tensor.scalar(0), Tensor.scalar(0), Tensor.scalar(-1)));
        assertTrue(e.getMessage().contains("multiplier is -1"), e.getMessage());
        e = assertThrows(
                ConstraintViolationException.class,
                () -> StanTransforms.unconstrainLower(Tensor.of(1, -2), Tensor.scalar(0)));
        assertTrue(e.getMessage().contains("-2") && e.getMessage().contains("element 2"), e.getMessage());
        e = assertThrows(
                ConstraintViolationException.class, () -> StanTransforms.unconstrainSimplex(Tensor.of(0.5, 0.6)));
        assertTrue(e.getMessage().startsWith("simplex_free"), e.getMessage());
        e = assertThrows(ConstraintViolationException.class, () -> StanTransforms.unconstrainOrdered(Tensor.of(1, 1)));
        assertTrue(e.getMessage().contains("ordered"), e.getMessage());
        e = assertThrows(
                ConstraintViolationException.class,
                () -> StanTransforms.unconstrainCovMatrix(Tensor.of(new double[][] {{1, 2}, {2, 1}})));
        assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
        e = assertThrows(
                ConstraintViolationException.class,
                () -> StanTransforms.unconstrainCorrMatrix(Tensor.of(new double[][] {{2, 0}, {0, 1}})));
        assertTrue(e.getMessage().contains("correlation"), e.getMessage());
        e = assertThrows(
                ConstraintViolationException.class,
                () -> StanTransforms.unconstrainCholeskyFactorCov(Tensor.of(new double[][] {{1, 1}, {0, 1}})));
        assertTrue(e.getMessage().contains("lower triangular"), e.getMessage());
        e = assertThrows(ConstraintViolationException.class, () -> StanTransforms.unitVector(Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("unit_vector_constrain"), e.getMessage());
        var shape = assertThrows(
                IllegalArgumentException.class, () -> StanTransforms.lower(Tensor.zeros(3), Tensor.zeros(2)));
        assertTrue(shape.getMessage().contains("[2]") && shape.getMessage().contains("[3]"), shape.getMessage());
        var size = assertThrows(
                IllegalArgumentException.class, () -> StanTransforms.choleskyFactorCorr(Tensor.zeros(4), 3));
        assertTrue(size.getMessage().contains("expected 3"), size.getMessage());
    }
}
