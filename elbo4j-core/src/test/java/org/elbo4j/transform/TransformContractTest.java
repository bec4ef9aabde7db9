package org.elbo4j.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The laws every {@link Transform} obeys, checked at seeded random points. A subclass supplies the transform,
 * how to draw domain and codomain points, the extreme points where numerical stability matters (with the
 * tolerance each can meet), and — for transforms whose event is not all free — which entries are free.
 *
 * <p>Checks: the round trips inverse(forward(x)) = x and forward(inverse(y)) = y; forward lands in the
 * codomain with the declared shapes; log|det J| against the log-determinant of a central finite-difference
 * Jacobian of the map between the free coordinates, for every batch element; the gradients of forward,
 * log|det J| and inverse against {@link GradCheck}; NaN and infinite inputs, and values outside the
 * codomain, rejected with a message that names the transform.
 *
 * <p>Tolerances: central differences with h = 1e-6·max(1, |x|) have truncation error O(h²) ≈ 1e-12 and
 * rounding error O(ε/h) ≈ 1e-10 per Jacobian entry; log|det| of a well-conditioned k×k Jacobian inherits
 * about k·1e-10, so {@link #FD_TOL} = 1e-6 (relative to max(1, |log det|)) fails only a wrong formula.
 */
public abstract class TransformContractTest {
    /** Scaled tolerance for log|det J| against finite differences (see the class comment). */
    protected static final double FD_TOL = 1e-6;
    /** Scaled tolerance for {@link GradCheck} (its documented separation of a wrong gradient from noise). */
    protected static final double GRAD_TOL = 1e-6;
    /** Number of seeded random points for each check. */
    protected static final int POINTS = 5;

    /** A point with the tolerance a round trip through it must meet: |got − want| ≤ atol + rtol·|want|. */
    protected record Case(Tensor value, double atol, double rtol) {}

    /** The transform under test. */
    protected abstract Transform transform();

    /** A random point of the domain with moderate entries, with batch dimensions (e.g. shape [2, 3, K−1]). */
    protected abstract Tensor domainPoint(RandomStream rng);

    /** A random point of the codomain (e.g. forward of a domain point, or a draw from a distribution on it). */
    protected Tensor codomainPoint(RandomStream rng) {
        return transform().forward(domainPoint(rng));
    }

    /** A value outside the codomain: inverse must reject it. */
    protected abstract Tensor outsideCodomain();

    /** Tolerance for round trips through the random points: |got − want| ≤ tol·(1 + |want|). */
    protected double roundTripTolerance() {
        return 1e-12;
    }

    /** Domain points where stability matters (large |x|), each with the tolerance it can meet. */
    protected List<Case> extremeDomainPoints() {
        return List.of();
    }

    /** Codomain points near the boundary, each with the tolerance its round trip can meet. */
    protected List<Case> extremeCodomainPoints() {
        return List.of();
    }

    /** Flat indices, within one event of x, of the free input coordinates (default: all). */
    protected int[] freeInputs(Shape eventShape) {
        return all(eventShape.size());
    }

    /** Flat indices, within one event of y, of the free output coordinates (default: all). */
    protected int[] freeOutputs(Shape eventShape) {
        return all(eventShape.size());
    }

    /**
     * A differentiable map from unconstrained parameters p (shaped as a codomain point) into the codomain,
     * used to check the gradient of inverse where finite differences must not leave the codomain (e.g.
     * symmetrizing for positive-definite matrices); default: p itself.
     */
    protected Tensor codomainFromParameters(Tensor p) {
        return p;
    }

    /**
     * A differentiable map from unconstrained parameters p (shaped as a domain point) into the domain, for the
     * gradient checks of forward and log|J| when the domain is not all of ℝⁿ (e.g. lower-triangular
     * matrices); default: p itself.
     */
    protected Tensor domainFromParameters(Tensor p) {
        return p;
    }

    /** True when an error message names the transform (or, for chains and inverses, the part that failed). */
    protected boolean namesTheTransform(String message) {
        Transform t = transform();
        if (message.contains(t.name()) || message.contains(t.inv().name())) return true;
        if (t instanceof ComposeTransform c)
            for (Transform part : c.parts()) if (message.contains(part.name())) return true;
        return false;
    }

    /** Finite-difference step for the inverse's gradient check; smaller where the codomain check is tight. */
    protected double inverseGradStep() {
        return 1e-6;
    }

    // ------------------------------------------------------------------ checks

    @Test
    void inverseOfForwardIsTheIdentity() {
        RandomStream rng = RandomStream.of(101);
        int checked = 0;
        for (int k = 0; k < POINTS; k++) {
            Tensor x = domainPoint(rng);
            assertClose(
                    x,
                    transform().inverse(transform().forward(x)),
                    roundTripTolerance(),
                    roundTripTolerance(),
                    "inverse(forward(x))");
            checked++;
        }
        for (Case c : extremeDomainPoints()) {
            assertClose(
                    c.value(),
                    transform().inverse(transform().forward(c.value())),
                    c.atol(),
                    c.rtol(),
                    "inverse(forward(x)) at an extreme x");
            checked++;
        }
        assertEquals(POINTS + extremeDomainPoints().size(), checked);
    }

    @Test
    void forwardOfInverseIsTheIdentity() {
        RandomStream rng = RandomStream.of(202);
        for (int k = 0; k < POINTS; k++) {
            Tensor y = codomainPoint(rng);
            assertTrue(transform().codomain().contains(y), "test setup: codomainPoint outside the codomain");
            assertClose(
                    y,
                    transform().forward(transform().inverse(y)),
                    roundTripTolerance(),
                    roundTripTolerance(),
                    "forward(inverse(y))");
        }
        for (Case c : extremeCodomainPoints()) {
            assertTrue(
                    transform().codomain().contains(c.value()),
                    "test setup: extreme codomain point outside the codomain");
            assertClose(
                    c.value(),
                    transform().forward(transform().inverse(c.value())),
                    c.atol(),
                    c.rtol(),
                    "forward(inverse(y)) at an extreme y");
        }
    }

    @Test
    void forwardLandsInTheCodomainWithTheDeclaredShapes() {
        RandomStream rng = RandomStream.of(303);
        Transform t = transform();
        for (int k = 0; k < POINTS; k++) {
            Tensor x = domainPoint(rng);
            assertTrue(t.domain().contains(x), "test setup: domainPoint outside the domain");
            Tensor y = t.forward(x);
            assertTrue(
                    t.codomain().contains(y),
                    t.name() + ": forward(" + x + ") = " + y + " is outside "
                            + t.codomain().name());
            assertEquals(t.forwardShape(x.shape()), y.shape(), "forwardShape");
            assertEquals(x.shape(), t.inverseShape(y.shape()), "inverseShape");
            assertEquals(
                    x.shape().dropLast(t.eventRank()), t.logAbsDetJacobian(x, y).shape(), "shape of log|det J|");
            assertEquals(x.shape(), t.inverse(y).shape(), "shape of inverse(y)");
        }
    }

    @Test
    void logAbsDetJacobianMatchesFiniteDifferences() {
        RandomStream rng = RandomStream.of(404);
        Transform t = transform();
        int events = 0;
        for (int k = 0; k < POINTS; k++) {
            Tensor x = domainPoint(rng);
            Tensor y = t.forward(x);
            Tensor ladj = t.logAbsDetJacobian(x, y);
            Shape batch = x.shape().dropLast(t.eventRank());
            Shape inEvent = x.shape().dropFirst(x.rank() - t.eventRank());
            Shape outEvent = y.shape().dropFirst(y.rank() - t.codomainEventRank());
            int[] in = freeInputs(inEvent), out = freeOutputs(outEvent);
            assertEquals(in.length, out.length, "free coordinates: the Jacobian must be square");
            int nb = batch.size(), e = inEvent.size(), f = outEvent.size();
            double[] xs = x.toArray();
            for (int b = 0; b < nb; b++) {
                double[][] jac = new double[out.length][in.length];
                for (int c = 0; c < in.length; c++) {
                    int i = b * e + in[c];
                    double h = 1e-6 * Math.max(1, Math.abs(xs[i]));
                    double[] plus = xs.clone(), minus = xs.clone();
                    plus[i] += h;
                    minus[i] -= h;
                    Tensor yp = t.forward(Tensor.of(plus, x.shape())), ym = t.forward(Tensor.of(minus, x.shape()));
                    for (int a = 0; a < out.length; a++) {
                        int o = b * f + out[a];
                        jac[a][c] = (yp.at(o) - ym.at(o)) / (2 * h);
                    }
                }
                double want = logAbsDet(jac), got = ladj.at(b);
                assertTrue(
                        Math.abs(got - want) <= FD_TOL * Math.max(1, Math.abs(want)),
                        t.name() + ": log|det J| = " + got + " but finite differences give " + want
                                + " at batch element " + b + " of x = " + x);
                events++;
            }
        }
        assertTrue(events >= POINTS, "no event was checked");
    }

    @Test
    void gradientOfForwardMatchesFiniteDifferences() {
        RandomStream rng = RandomStream.of(505);
        Transform t = transform();
        for (int k = 0; k < POINTS; k++) {
            Tensor x = domainPoint(rng);
            Tensor w = gaussian(rng, 1.0, t.forwardShape(x.shape()).dims());
            var r = GradCheck.compare(
                    List.of(x),
                    p -> t.forward(domainFromParameters(p.get(0))).mul(w).sum(),
                    1e-6);
            assertTrue(r.error() < GRAD_TOL, t.name() + ".forward: " + r);
            assertEquals(x.size(), r.checked());
        }
    }

    @Test
    void gradientOfLogAbsDetJacobianMatchesFiniteDifferences() {
        RandomStream rng = RandomStream.of(606);
        Transform t = transform();
        for (int k = 0; k < POINTS; k++) {
            Tensor x = domainPoint(rng);
            var r = GradCheck.compare(
                    List.of(x),
                    p -> {
                        Tensor xp = domainFromParameters(p.get(0));
                        return t.logAbsDetJacobian(xp, t.forward(xp)).sum();
                    },
                    1e-6);
            assertTrue(r.error() < GRAD_TOL, t.name() + ".logAbsDetJacobian: " + r);
            assertEquals(x.size(), r.checked());
        }
    }

    @Test
    void gradientOfInverseMatchesFiniteDifferences() {
        RandomStream rng = RandomStream.of(707);
        Transform t = transform();
        for (int k = 0; k < POINTS; k++) {
            Tensor y = codomainPoint(rng);
            Tensor w = gaussian(rng, 1.0, t.inverseShape(y.shape()).dims());
            Function<List<Tensor>, Tensor> f =
                    p -> t.inverse(codomainFromParameters(p.get(0))).mul(w).sum();
            var r = GradCheck.compare(List.of(y), f, inverseGradStep());
            assertTrue(r.error() < GRAD_TOL, t.name() + ".inverse: " + r);
            assertEquals(y.size(), r.checked());
        }
    }

    @Test
    void nonFiniteInputIsRejectedWithAMessageNamingTheTransform() {
        Transform t = transform();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] v = domainPoint(RandomStream.of(808)).toArray();
            v[v.length / 2] = bad;
            Tensor x = Tensor.of(v, domainPoint(RandomStream.of(808)).shape());
            var e = assertThrows(IllegalArgumentException.class, () -> t.forward(x), "forward of " + bad);
            assertTrue(
                    namesTheTransform(e.getMessage()) && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void inverseRejectsValuesOutsideTheCodomain() {
        Transform t = transform();
        Tensor y = outsideCodomain();
        assertTrue(!t.codomain().contains(y), "test setup: the value is in the codomain");
        var e = assertThrows(IllegalArgumentException.class, () -> t.inverse(y));
        assertTrue(namesTheTransform(e.getMessage()), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    /** i.i.d. N(0, scale²) entries, shape {@code dims}. */
    protected static Tensor gaussian(RandomStream rng, double scale, int... dims) {
        Shape s = Shape.of(dims);
        double[] v = new double[s.size()];
        rng.fillGaussian(v, 0, v.length);
        for (int i = 0; i < v.length; i++) v[i] *= scale;
        return Tensor.of(v, s);
    }

    /** 0, 1, …, n−1. */
    protected static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /** Flat indices (row-major, within an n×n matrix) of the lower triangle, diagonal included iff {@code diag}. */
    protected static int[] lowerTriangle(int n, boolean diag) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) for (int j = 0; j <= (diag ? i : i - 1); j++) idx.add(i * n + j);
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Asserts |got − want| ≤ atol + rtol·|want| elementwise, with equal shapes. */
    protected static void assertClose(Tensor want, Tensor got, double atol, double rtol, String what) {
        assertEquals(want.shape(), got.shape(), what + ": shape");
        for (int i = 0; i < want.size(); i++) {
            double a = want.at(i), b = got.at(i);
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(a))) {
                fail(what + ": element " + i + " is " + b + ", expected " + a + " (|diff| " + Math.abs(a - b) + " > "
                        + atol + " + " + rtol + "·|expected|)");
            }
        }
    }

    /** log|det A| by LU with partial pivoting. */
    protected static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        double s = 0;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] tmp = m[c];
            m[c] = m[p];
            m[p] = tmp;
            double piv = m[c][c];
            s += Math.log(Math.abs(piv));
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / piv;
                for (int k = c; k < n; k++) m[r][k] -= f * m[c][k];
            }
        }
        return s;
    }
}
