package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.elbo4j.autodiff.Autodiff;
import org.junit.jupiter.api.Test;

/**
 * Special functions and the numerically delicate ops at hand-checked points: closed forms, and reference values
 * from mpmath kept in {@code special-values.csv} (the command that wrote them is in its header). Also the stable
 * ops at ±40 and ±800 (no overflow, no loss of relative precision) and log-sum-exp with −∞, +∞ and NaN.
 */
class SpecialValuesTest {
    private static final double EULER = 0.5772156649015328606; // γ

    /**
     * Relative tolerance per function, and an absolute floor. Measured worst errors on the reference points:
     * lgamma 1.2e-15 (x = −2.5), digamma 3.5e-14 relative but 1.3e-15 absolute (x = 1.5 and −0.5, next to the
     * root of ψ at 1.4616 where the value cancels), trigamma 6.7e-13 (x = 10: Commons Numbers' Trigamma is an
     * asymptotic series after a recurrence; it only serves as digamma's derivative, where 1e-12 is plenty), and
     * at most 1 ulp for the logistic family. Each tolerance is about 2× the worst measured error.
     */
    private static final Map<String, double[]> TOL = Map.of(
            "lgamma", new double[] {3e-15, 0},
            "digamma", new double[] {4e-15, 3e-15},
            "trigamma", new double[] {1.5e-12, 0},
            "softplus", new double[] {4.5e-16, 0},
            "sigmoid", new double[] {4.5e-16, 0},
            "logSigmoid", new double[] {4.5e-16, 0},
            "dsigmoid", new double[] {4.5e-16, 0});

    private static final Map<String, DoubleUnaryOperator> FN = Map.of(
            "lgamma", x -> Tensor.scalar(x).lgamma().item(),
            "digamma", x -> Tensor.scalar(x).digamma().item(),
            "trigamma", x -> derivative(x, Tensor::digamma),
            "softplus", x -> Tensor.scalar(x).softplus().item(),
            "sigmoid", x -> Tensor.scalar(x).sigmoid().item(),
            "logSigmoid", x -> Tensor.scalar(x).logSigmoid().item(),
            "dsigmoid", x -> derivative(x, Tensor::sigmoid));

    private static double derivative(double x, UnaryOperator<Tensor> f) {
        return Autodiff.valueAndGrad(Tensor.scalar(x), f::apply).gradient(0).item();
    }

    private static void close(double want, double got, double rel, double abs, String what) {
        double err = Math.abs(got - want);
        assertTrue(
                err <= Math.max(rel * Math.abs(want), abs) || want == got,
                () -> what + ": expected " + want + ", got " + got + " (error " + err + ")");
    }

    @Test
    void referenceValuesFromMpmath() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = SpecialValuesTest.class.getResourceAsStream("special-values.csv")) {
            assertNotNull(in, "special-values.csv on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) rows.add(line.split(","));
            }
        }
        int cases = 0;
        for (String[] row : rows) {
            double x = Double.parseDouble(row[1]), want = Double.parseDouble(row[2]);
            double[] tol = TOL.get(row[0]);
            assertNotNull(tol, "unknown function " + row[0]);
            double got = FN.get(row[0]).applyAsDouble(x);
            close(want, got, tol[0], tol[1], row[0] + "(" + row[1] + ")");
            cases++;
        }
        assertEquals(66, cases, "rows in special-values.csv");
    }

    @Test
    void closedForms() {
        // Γ(1/2) = √π;  Γ(n) = (n−1)!;  Γ(x) ~ 1/x − γ as x → 0, so lgamma(1e-300) = 300·ln 10 + O(1e-300)
        close(0.5 * Math.log(Math.PI), Tensor.scalar(0.5).lgamma().item(), 3e-16, 0, "lgamma(0.5) = log √π");
        close(Math.log(120), Tensor.scalar(6).lgamma().item(), 3e-16, 0, "lgamma(6) = log 5!");
        close(300 * Math.log(10), Tensor.scalar(1e-300).lgamma().item(), 3e-16, 0, "lgamma(1e-300)");
        assertEquals(690.7755, Tensor.scalar(1e-300).lgamma().item(), 5e-5);
        // ψ(1) = −γ;  ψ(1/2) = −γ − 2 log 2;  ψ(n) = H_{n−1} − γ;  ψ'(1) = π²/6;  ψ'(1/2) = π²/2
        close(-EULER, Tensor.scalar(1).digamma().item(), 4e-15, 0, "digamma(1) = -γ");
        close(-EULER - 2 * Math.log(2), Tensor.scalar(0.5).digamma().item(), 4e-15, 0, "digamma(0.5)");
        close(1 + 0.5 + 1.0 / 3 + 0.25 - EULER, Tensor.scalar(5).digamma().item(), 4e-15, 0, "digamma(5) = H_4 - γ");
        close(Math.PI * Math.PI / 6, derivative(1, Tensor::digamma), 1.5e-12, 0, "trigamma(1) = π²/6");
        close(Math.PI * Math.PI / 2, derivative(0.5, Tensor::digamma), 1.5e-12, 0, "trigamma(0.5) = π²/2");
        // d lgamma / dx = ψ
        close(-EULER, derivative(1, Tensor::lgamma), 4e-15, 0, "lgamma'(1) = -γ");
    }

    @Test
    void gammaFunctionsAtPoles() {
        // log|Γ| has poles at 0, −1, −2, ...: +∞ there (C99 lgamma, SciPy gammaln, PyTorch lgamma)
        for (double x : new double[] {0.0, -0.0, -1, -2, -17}) {
            assertEquals(Double.POSITIVE_INFINITY, Tensor.scalar(x).lgamma().item(), "lgamma(" + x + ")");
        }
        // but not next to them: lgamma(−1e-300) = −log(1e-300) + O(1e-300)
        assertEquals(300 * Math.log(10), Tensor.scalar(-1e-300).lgamma().item(), 1e-12);
        // ψ: NaN at the negative integers, −∞ at +0
        for (double x : new double[] {-1, -2, -17}) {
            assertTrue(Double.isNaN(Tensor.scalar(x).digamma().item()), "digamma(" + x + ")");
        }
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.scalar(0.0).digamma().item());
        assertEquals(Double.NEGATIVE_INFINITY, derivative(0.0, Tensor::lgamma), "lgamma'(0) = ψ(0)");
        assertTrue(Double.isNaN(Tensor.scalar(Double.NaN).lgamma().item()));
        assertTrue(Double.isNaN(Tensor.scalar(Double.NaN).digamma().item()));
    }

    @Test
    void logisticFamilyAtLargeArguments() {
        double[] xs = {-800, -40, 40, 800};
        Tensor x = Tensor.of(xs);
        // values: no overflow, and the tiny tails keep full relative precision (e^-40 = 4.248354255291589e-18)
        double e40 = Math.exp(-40);
        assertArrayEquals(new double[] {0, e40, 40, 800}, x.softplus().toArray(), 0.0, "softplus");
        assertArrayEquals(new double[] {0, e40, 1, 1}, x.sigmoid().toArray(), 0.0, "sigmoid");
        assertArrayEquals(new double[] {-800, -40, -e40, -0.0}, x.logSigmoid().toArray(), 0.0, "logSigmoid");
        // gradients are finite and exact: softplus' = σ(x), logSigmoid' = σ(−x), σ' = σ(x)σ(−x)
        assertArrayEquals(new double[] {0, e40, 1, 1}, grad(x, Tensor::softplus), 0.0, "softplus'");
        assertArrayEquals(new double[] {1, 1, e40, 0}, grad(x, Tensor::logSigmoid), 0.0, "logSigmoid'");
        double[] ds = grad(x, Tensor::sigmoid);
        assertEquals(0.0, ds[0]);
        assertEquals(0.0, ds[3]);
        close(e40, ds[1], 4.5e-16, 0, "sigmoid'(-40)");
        close(e40, ds[2], 4.5e-16, 0, "sigmoid'(40): 1 − σ(40) rounds to 0, so it must not be computed that way");
        assertArrayEquals(new double[] {0, 0, 0, 0}, grad(x, Tensor::tanh), 1e-30, "tanh' at large |x|");
        for (UnaryOperator<Tensor> f :
                List.<UnaryOperator<Tensor>>of(Tensor::softplus, Tensor::sigmoid, Tensor::logSigmoid, Tensor::tanh)) {
            assertTrue(f.apply(x).allFinite());
            for (double g : grad(x, f)) assertTrue(Double.isFinite(g));
        }
    }

    private static double[] grad(Tensor x, UnaryOperator<Tensor> f) {
        return Autodiff.valueAndGrad(x, t -> f.apply(t).sum()).gradient(0).toArray();
    }

    /** exp(x − lse) at lse ≈ 1000.69 is off by up to ulp(1000.69)·0.5 ≈ 6e-14 (measured 2.75e-14); 2e-13 bounds it. */
    private static final double LSE_GRAD_TOL = 2e-13;

    private static final double NEG_INF = Double.NEGATIVE_INFINITY, POS_INF = Double.POSITIVE_INFINITY;

    @Test
    void logSumExpWithInfinitiesAndNaN() {
        double log1pE = 1.3132616875182228; // log(1 + e) = softplus(1), from special-values.csv
        double s1 = 0.7310585786300049, sm1 = 0.2689414213699951; // σ(1), σ(−1)
        // −∞ entries contribute nothing, to the value or the gradient
        Tensor a = Tensor.of(NEG_INF, 0, 1);
        assertEquals(log1pE, a.logSumExp().item(), 4.5e-16);
        assertArrayEquals(new double[] {0, sm1, s1}, grad(a, Tensor::logSumExp), 1e-16);
        // all −∞: log of an empty sum, −∞, with a zero (finite) gradient
        Tensor b = Tensor.of(NEG_INF, NEG_INF);
        assertEquals(NEG_INF, b.logSumExp().item());
        assertArrayEquals(new double[] {0, 0}, grad(b, Tensor::logSumExp));
        // +∞ present: +∞; the finite entries get gradient 0 (the +∞ entry's own is undefined and not asserted)
        Tensor c = Tensor.of(POS_INF, 0, NEG_INF);
        assertEquals(POS_INF, c.logSumExp().item());
        double[] gc = grad(c, Tensor::logSumExp);
        assertEquals(0.0, gc[1]);
        assertEquals(0.0, gc[2]);
        // NaN anywhere gives NaN, even next to ±∞
        for (double other : new double[] {0, POS_INF, NEG_INF}) {
            assertTrue(Double.isNaN(Tensor.of(Double.NaN, other).logSumExp().item()), "NaN with " + other);
            assertTrue(Double.isNaN(Tensor.of(other, Double.NaN).logSumExp().item()), other + " with NaN");
        }
        // no overflow or underflow: the max is shifted out
        assertEquals(1000 + Math.log(2), Tensor.of(1000, 1000).logSumExp().item(), 1e-12);
        assertEquals(-1000 + Math.log(2), Tensor.of(-1000, -1000).logSumExp().item(), 1e-12);
        // the gradient exp(x − lse) inherits lse's rounding: ulp(1000.69) = 1.1e-13, so 0.5 to about 1e-13
        assertArrayEquals(new double[] {0.5, 0.5}, grad(Tensor.of(1000, 1000), Tensor::logSumExp), LSE_GRAD_TOL);

        // the same cases along an axis, one per row
        Tensor m = Tensor.of(new double[][] {
            {NEG_INF, 0, 1},
            {NEG_INF, NEG_INF, NEG_INF},
            {POS_INF, 0, NEG_INF},
            {Double.NaN, 0, 1},
            {1, Double.NaN, POS_INF},
            {1000, 1000, NEG_INF}
        });
        double[] v = m.logSumExp(1).toArray();
        assertEquals(log1pE, v[0], 4.5e-16);
        assertEquals(NEG_INF, v[1]);
        assertEquals(POS_INF, v[2]);
        assertTrue(Double.isNaN(v[3]), "NaN row");
        assertTrue(Double.isNaN(v[4]), "NaN next to +∞");
        assertEquals(1000 + Math.log(2), v[5], 1e-12);
        assertArrayEquals(v, m.transpose().logSumExp(0).toArray(), 4.5e-16, "axis 0 of the transpose");
        assertArrayEquals(v, m.logSumExp(1, true).reshape(6).toArray(), 0.0, "keepDims");
        double[] g = grad(m, t -> t.logSumExp(1));
        assertArrayEquals(new double[] {0, sm1, s1}, new double[] {g[0], g[1], g[2]}, 1e-16, "row with −∞");
        assertArrayEquals(new double[] {0, 0, 0}, new double[] {g[3], g[4], g[5]}, "all −∞ row");
        assertEquals(0.0, g[7], "+∞ row, finite entry");
        assertEquals(0.0, g[8], "+∞ row, −∞ entry");
        assertArrayEquals(new double[] {0.5, 0.5, 0}, new double[] {g[15], g[16], g[17]}, LSE_GRAD_TOL, "large row");
    }

    @Test
    void maxPropagatesNaN() {
        assertTrue(Double.isNaN(Tensor.of(1, Double.NaN, 3).max().item()));
        assertTrue(Double.isNaN(Tensor.of(Double.NaN, 1).max().item()));
        // per axis as for the whole tensor, wherever the NaN sits
        Tensor m = Tensor.of(new double[][] {{1, Double.NaN, 3}, {Double.NaN, 1, 2}, {4, 5, 6}});
        double[] r = m.max(1).toArray();
        assertTrue(Double.isNaN(r[0]), "NaN in the middle of a row");
        assertTrue(Double.isNaN(r[1]), "NaN first in a row");
        assertEquals(6.0, r[2]);
        double[] c = m.max(0).toArray();
        assertTrue(Double.isNaN(c[0]) && Double.isNaN(c[1]), "NaN in columns 0 and 1");
        assertEquals(6.0, c[2]);
        assertTrue(
                Double.isNaN(Tensor.of(1, 2).maximum(Tensor.of(Double.NaN, 0)).toArray()[0]), "maximum(x, NaN)");
        assertTrue(
                Double.isNaN(Tensor.of(Double.NaN, 2).maximum(Tensor.of(1, 0)).toArray()[0]), "maximum(NaN, x)");
    }
}
