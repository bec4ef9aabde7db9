package org.elbo4j.distributions;

import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Erfc;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/** Differentiable special functions that the families need beyond the tensor ops. */
final class TensorFunctions {
    private TensorFunctions() {}

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** Φ(z) = ½·erfc(−z/√2) (accurate in the left tail); dΦ/dz = φ(z). */
    static Tensor normalCdf(Tensor z) {
        int n = z.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = 0.5 * Erfc.value(-z.at(i) / Math.sqrt(2));
        Shape s = z.shape();
        return Tensor.custom(
                "normalCdf",
                s,
                y,
                (g, adj) -> {
                    double[] gz = adj.of(z);
                    for (int i = 0; i < n; i++) {
                        double v = z.at(i);
                        gz[i] += g[i] * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
                    }
                },
                z);
    }

    /** A constant 0/1 mask (1 where {@code p} holds) of {@code x}'s shape; not differentiable. */
    static Tensor mask(Tensor x, java.util.function.DoublePredicate p) {
        double[] m = new double[x.size()];
        for (int i = 0; i < m.length; i++) m[i] = p.test(x.at(i)) ? 1 : 0;
        return Tensor.wrap(m, x.shape());
    }

    /** atan x, with d/dx = 1/(1 + x²). */
    static Tensor atan(Tensor x) {
        int n = x.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.atan(x.at(i));
        return Tensor.custom(
                "atan",
                x.shape(),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    for (int i = 0; i < n; i++) gx[i] += g[i] / (1 + x.at(i) * x.at(i));
                },
                x);
    }

    /** tan x, with d/dx = 1 + tan²x. */
    static Tensor tan(Tensor x) {
        int n = x.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.tan(x.at(i));
        return Tensor.custom(
                "tan",
                x.shape(),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    for (int i = 0; i < n; i++) gx[i] += g[i] * (1 + y[i] * y[i]);
                },
                x);
    }

    /**
     * c·log(y), broadcasting, with the convention 0·log 0 = 0 (SciPy's xlogy), so that a density like
     * x^{a−1} at x = 0 with a = 1 is 1, not NaN. ∂/∂c = log y, ∂/∂y = c/y (both 0 where c = 0 = y).
     */
    static Tensor xlogy(Tensor c, Tensor y) {
        return xlogOf("xlogy", c, y, false);
    }

    /** c·log1p(y) with 0·log1p(−1) = 0 (SciPy's xlog1py). ∂/∂c = log1p y, ∂/∂y = c/(1 + y). */
    static Tensor xlog1py(Tensor c, Tensor y) {
        return xlogOf("xlog1py", c, y, true);
    }

    private static Tensor xlogOf(String op, Tensor c, Tensor y, boolean onePlus) {
        Shape s = Shape.broadcast(op, c.shape(), y.shape());
        Tensor cb = c.broadcastTo(s), yb = y.broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double ci = cb.at(i), yi = yb.at(i);
            out[i] = ci == 0 && !Double.isNaN(yi) ? 0 : ci * (onePlus ? Math.log1p(yi) : Math.log(yi));
        }
        return Tensor.custom(
                op,
                s,
                out,
                (g, adj) -> {
                    double[] gc = adj.of(cb), gy = adj.of(yb);
                    for (int i = 0; i < n; i++) {
                        double ci = cb.at(i), yi = yb.at(i), l = onePlus ? Math.log1p(yi) : Math.log(yi);
                        if (gc != null) gc[i] += ci == 0 && Double.isInfinite(l) ? 0 : g[i] * l;
                        if (gy != null) gy[i] += ci == 0 ? 0 : g[i] * ci / (onePlus ? 1 + yi : yi);
                    }
                },
                cb,
                yb);
    }

    /**
     * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), broadcasting, by Commons Numbers' LogBeta (accurate when
     * a or b is large, where the three log-gammas would cancel). ∂/∂a = ψ(a) − ψ(a + b), ∂/∂b = ψ(b) − ψ(a + b).
     */
    static Tensor logBeta(Tensor a, Tensor b) {
        Shape s = Shape.broadcast("logBeta", a.shape(), b.shape());
        Tensor ab = a.broadcastTo(s), bb = b.broadcastTo(s);
        int n = s.size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = org.apache.commons.numbers.gamma.LogBeta.value(ab.at(i), bb.at(i));
        return Tensor.custom(
                "logBeta",
                s,
                out,
                (g, adj) -> {
                    double[] ga = adj.of(ab), gb = adj.of(bb);
                    for (int i = 0; i < n; i++) {
                        double x = ab.at(i), y = bb.at(i), psiSum = Digamma.value(x + y);
                        if (ga != null) ga[i] += g[i] * (Digamma.value(x) - psiSum);
                        if (gb != null) gb[i] += g[i] * (Digamma.value(y) - psiSum);
                    }
                },
                ab,
                bb);
    }
}
