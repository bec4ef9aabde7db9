package org.elbo4j.tensor;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Elementwise ops and their backward rules. Each op is an explicit loop (no per-element lambda: the JIT keeps
 * these monomorphic and vectorizable) and records one node when an input is on a tape.
 */
final class Elementwise {
    private Elementwise() {}

    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    // ------------------------------------------------------------------ binary, broadcasting

    static Tensor add(Tensor a, Tensor b) {
        return arith(ADD, "add", a, b);
    }

    static Tensor sub(Tensor a, Tensor b) {
        return arith(SUB, "sub", a, b);
    }

    static Tensor mul(Tensor a, Tensor b) {
        return arith(MUL, "mul", a, b);
    }

    static Tensor div(Tensor a, Tensor b) {
        return arith(DIV, "div", a, b);
    }

    private static Tensor arith(int op, String name, Tensor a, Tensor b) {
        Tape t = Tape.common(name, a, b);
        Shape s = Shape.broadcast(name, a.shape, b.shape);
        int n = s.size();
        // Scalars stay scalars (no expansion); other broadcast inputs are expanded once.
        boolean as = a.data.length == 1 && n != 1, bs = b.data.length == 1 && n != 1;
        double[] x = as ? a.data : Broadcasting.expand(a.data, a.shape, s);
        double[] z = bs ? b.data : Broadcasting.expand(b.data, b.shape, s);
        double[] y = new double[n];
        kernel(op, x, as, z, bs, y);
        if (t == null) return new Tensor(s, y);
        return t.push(name, s, y, (g, adj) -> {
            if (adj.wants(a)) {
                double[] c;
                switch (op) {
                    case ADD, SUB -> c = g;
                    case MUL -> {
                        c = new double[n];
                        kernel(MUL, g, false, z, bs, c);
                    }
                    default -> {
                        c = new double[n];
                        kernel(DIV, g, false, z, bs, c);
                    }
                }
                adj.accumulate(a, c, s);
            }
            if (adj.wants(b)) {
                double[] c = op == ADD ? g : new double[n];
                switch (op) {
                    case ADD -> {}
                    case SUB -> {
                        for (int i = 0; i < n; i++) c[i] = -g[i];
                    }
                    case MUL -> kernel(MUL, g, false, x, as, c);
                    default -> { // d(x/z)/dz = -y/z
                        for (int i = 0; i < n; i++) c[i] = -g[i] * y[i] / (bs ? z[0] : z[i]);
                    }
                }
                adj.accumulate(b, c, s);
            }
        });
    }

    /** y = x op z where a "scalar" flag means that operand has one element used everywhere. */
    private static void kernel(int op, double[] x, boolean xs, double[] z, boolean zs, double[] y) {
        int n = y.length;
        if (xs) {
            double c = x[0];
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) y[i] = c + z[i];
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) y[i] = c - z[i];
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) y[i] = c * z[i];
                }
                default -> {
                    for (int i = 0; i < n; i++) y[i] = c / z[i];
                }
            }
        } else if (zs) {
            double c = z[0];
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] + c;
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] - c;
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] * c;
                }
                default -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] / c;
                }
            }
        } else {
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] + z[i];
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] - z[i];
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] * z[i];
                }
                default -> {
                    for (int i = 0; i < n; i++) y[i] = x[i] / z[i];
                }
            }
        }
    }

    static Tensor pow(Tensor a, Tensor b) {
        Tape t = Tape.common("pow", a, b);
        Shape s = Shape.broadcast("pow", a.shape, b.shape);
        double[] x = Broadcasting.expand(a.data, a.shape, s), z = Broadcasting.expand(b.data, b.shape, s);
        int n = s.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Math.pow(x[i], z[i]);
        if (t == null) return new Tensor(s, y);
        return t.push("pow", s, y, (g, adj) -> {
            if (adj.wants(a)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) c[i] = z[i] == 0 ? 0 : g[i] * z[i] * Math.pow(x[i], z[i] - 1);
                adj.accumulate(a, c, s);
            }
            if (adj.wants(b)) {
                double[] c = new double[n];
                // d x^z / dz = x^z log x; at x = 0 the limit is 0 for z > 0, and 0 is taken at z = 0 too (PyTorch's
                // convention: 0^0·log 0 would put −∞ into every gradient downstream).
                for (int i = 0; i < n; i++) c[i] = x[i] == 0 && z[i] >= 0 ? 0 : g[i] * y[i] * Math.log(x[i]);
                adj.accumulate(b, c, s);
            }
        });
    }

    static Tensor maximum(Tensor a, Tensor b) {
        Tape t = Tape.common("maximum", a, b);
        Shape s = Shape.broadcast("maximum", a.shape, b.shape);
        double[] x = Broadcasting.expand(a.data, a.shape, s), z = Broadcasting.expand(b.data, b.shape, s);
        int n = s.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = x[i] >= z[i] || Double.isNaN(x[i]) ? x[i] : z[i];
        if (t == null) return new Tensor(s, y);
        return t.push("maximum", s, y, (g, adj) -> {
            double[] ca = new double[n], cb = new double[n];
            for (int i = 0; i < n; i++) {
                if (x[i] >= z[i] || Double.isNaN(x[i])) ca[i] = g[i];
                else cb[i] = g[i];
            }
            adj.accumulate(a, ca, s);
            adj.accumulate(b, cb, s);
        });
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Tape t = Tape.common("where", a, b);
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        double[] m = Broadcasting.expand(cond.data, cond.shape, s);
        double[] x = Broadcasting.expand(a.data, a.shape, s), z = Broadcasting.expand(b.data, b.shape, s);
        int n = s.size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = m[i] != 0 ? x[i] : z[i];
        if (t == null) return new Tensor(s, y);
        return t.push("where", s, y, (g, adj) -> {
            double[] ca = new double[n], cb = new double[n];
            for (int i = 0; i < n; i++) {
                if (m[i] != 0) ca[i] = g[i];
                else cb[i] = g[i];
            }
            adj.accumulate(a, ca, s);
            adj.accumulate(b, cb, s);
        });
    }

    // ------------------------------------------------------------------ with a constant

    static Tensor addScalar(Tensor a, double c) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] + c;
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("add", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i];
        });
    }

    static Tensor mulScalar(Tensor a, double c) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] * c;
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("mul", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * c;
        });
    }

    /** {@code a / c}, divided (not multiplied by 1/c) so that it agrees bit for bit with {@code a.div(scalar(c))}. */
    static Tensor divScalar(Tensor a, double c) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] / c;
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("div", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] / c;
        });
    }

    static Tensor powScalar(Tensor a, double p) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.pow(x[i], p);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("pow", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            if (p == 0) return;
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * p * Math.pow(x[i], p - 1);
        });
    }

    // ------------------------------------------------------------------ unary

    static Tensor reciprocal(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = 1.0 / x[i];
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("reciprocal", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] -= g[i] * y[i] * y[i];
        });
    }

    static Tensor square(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] * x[i];
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("square", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += 2 * g[i] * x[i];
        });
    }

    static Tensor sqrt(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.sqrt(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("sqrt", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += 0.5 * g[i] / y[i];
        });
    }

    static Tensor exp(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.exp(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("exp", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * y[i];
        });
    }

    static Tensor log(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.log(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("log", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] / x[i];
        });
    }

    static Tensor logChecked(Tensor a) {
        double[] x = a.data;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0)) {
                throw new IllegalArgumentException("log: argument of shape " + a.shape + " has " + x[i]
                        + " at flat index " + i + "; log needs values >= 0");
            }
        }
        return log(a);
    }

    static Tensor log1p(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = FastMath.log1p(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("log1p", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] / (1 + x[i]);
        });
    }

    static Tensor expm1(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = FastMath.expm1(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("expm1", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * (y[i] + 1);
        });
    }

    static Tensor abs(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = Math.abs(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("abs", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += x[i] > 0 ? g[i] : x[i] < 0 ? -g[i] : 0;
        });
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^−|x|): no overflow for large x, full precision for very negative x. */
    static double softplus(double x) {
        return FastMath.softplus(x);
    }

    /** σ(x) without overflow: e^x/(1+e^x) for x < 0. */
    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static Tensor softplus(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = softplus(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("softplus", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * sigmoid(x[i]);
        });
    }

    static Tensor sigmoid(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = sigmoid(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("sigmoid", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            // σ'(x) = σ(x)·σ(−x): 1 − y would round to 0 once y rounds to 1 (x > 37), losing the tail.
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * y[i] * sigmoid(-x[i]);
        });
    }

    static Tensor logSigmoid(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = -softplus(-x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("logSigmoid", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * sigmoid(-x[i]);
        });
    }

    static Tensor tanh(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = FastMath.tanh(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("tanh", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * (1 - y[i] * y[i]);
        });
    }

    static Tensor relu(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] > 0 ? x[i] : 0;
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("relu", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) if (x[i] > 0) gx[i] += g[i];
        });
    }

    /**
     * log|Γ(x)|. At the poles (x = 0, −1, −2, ...) +∞, as C99's lgamma, SciPy's gammaln and PyTorch give;
     * Commons Numbers returns NaN there.
     */
    static double lgamma(double x) {
        return x <= 0 && x == Math.rint(x) ? Double.POSITIVE_INFINITY : LogGamma.value(x);
    }

    /**
     * ψ(x). NaN at the poles x = −1, −2, ... (PyTorch's convention), where Commons Numbers returns a large finite
     * number; ψ(0) = −∞. Values from {@link org.elbo4j.math.Special#digamma} (≤ 1e-15 relative error).
     */
    static double digamma(double x) {
        if (x == 0) return Double.NEGATIVE_INFINITY; // ψ(0⁺) = −∞, as PyTorch and Commons
        return x < 0 && x == Math.rint(x) ? Double.NaN : org.elbo4j.math.Special.digamma(x);
    }

    static Tensor lgamma(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = lgamma(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("lgamma", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * digamma(x[i]);
        });
    }

    static Tensor digamma(Tensor a) {
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = digamma(x[i]);
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("digamma", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) gx[i] += g[i] * org.elbo4j.math.Special.trigamma(x[i]);
        });
    }

    static Tensor clamp(Tensor a, double lo, double hi) {
        if (!(lo <= hi))
            throw new IllegalArgumentException("clamp: lower bound " + lo + " is not <= upper bound " + hi);
        double[] x = a.data, y = new double[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i] < lo ? lo : x[i] > hi ? hi : x[i];
        if (a.tape == null) return new Tensor(a.shape, y);
        return a.tape.push("clamp", a.shape, y, (g, adj) -> {
            double[] gx = adj.of(a);
            for (int i = 0; i < gx.length; i++) if (x[i] >= lo && x[i] <= hi) gx[i] += g[i];
        });
    }
}
