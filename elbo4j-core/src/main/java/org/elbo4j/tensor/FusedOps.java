package org.elbo4j.tensor;

import org.elbo4j.tensor.blas.VectorMath;

/**
 * Fused elementwise log densities with closed-form partials (Stan Math's style): one tape node where the op-by-op
 * form would record six or seven, which is most of an SVI step's cost on small models. Inputs broadcast as
 * NumPy; partials are summed back to each input's shape.
 */
public final class FusedOps {
    private FusedOps() {}

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * log N(x; μ, σ) = −½((x − μ)/σ)² − log σ − ½ log 2π, elementwise.
     * ∂/∂x = −z/σ, ∂/∂μ = z/σ, ∂/∂σ = (z² − 1)/σ with z = (x − μ)/σ.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast (naming them)
     */
    public static Tensor normalLogProb(Tensor x, Tensor loc, Tensor scale) {
        Shape s = Shape.broadcast("Normal.logProb", Shape.broadcast("Normal.logProb", x.shape, loc.shape), scale.shape);
        int n = s.size();
        double[] xv = Broadcasting.expand(x.data, x.shape, s), mv = Broadcasting.expand(loc.data, loc.shape, s);
        double[] sv = Broadcasting.expand(scale.data, scale.shape, s);
        double[] out = new double[n];
        // z·(1/σ) is kept for the backward pass: it is −∂/∂x.
        double[] zs = new double[n];
        for (int i = 0; i < n; i++) {
            double inv = 1.0 / sv[i], z = (xv[i] - mv[i]) * inv;
            out[i] = -0.5 * z * z - Math.log(sv[i]) - HALF_LOG_2PI;
            zs[i] = z * inv;
        }
        Tape t = Tape.common("Normal.logProb", x, loc, scale);
        if (t == null) return new Tensor(s, out);
        return t.push("normalLogProb", s, out, (g, adj) -> {
            if (adj.wants(x)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) c[i] = -g[i] * zs[i];
                adj.accumulate(x, c, s);
            }
            if (adj.wants(loc)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) c[i] = g[i] * zs[i];
                adj.accumulate(loc, c, s);
            }
            if (adj.wants(scale)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    double z = zs[i] * sv[i];
                    c[i] = g[i] * (z * z - 1) / sv[i];
                }
                adj.accumulate(scale, c, s);
            }
        });
    }

    /**
     * Σ log N(x; μ, σ) as one scalar node (the trace keeps only the sum of a site), without the elementwise tensor
     * or a separate sum node; log σ is taken once when σ is a scalar. Each of x, μ, σ must have the broadcast shape
     * or a single element; returns {@code null} otherwise (the caller sums {@link #normalLogProb}).
     */
    public static Tensor normalLogProbSum(Tensor x, Tensor loc, Tensor scale) {
        Shape s = Shape.broadcast("Normal.logProb", Shape.broadcast("Normal.logProb", x.shape, loc.shape), scale.shape);
        int n = s.size();
        double[] xv = x.data, mv = loc.data, sv = scale.data;
        if (!fullOrOne(xv, n) || !fullOrOne(mv, n) || !fullOrOne(sv, n)) return null;
        int xs = xv.length == n ? 1 : 0, ms = mv.length == n ? 1 : 0, ss = sv.length == n ? 1 : 0;
        double[] zs = new double[n]; // z/σ, −∂/∂x of each term
        double sq = 0, logs;
        for (int i = 0; i < n; i++) {
            double sd = sv[i * ss], inv = 1.0 / sd, z = (xv[i * xs] - mv[i * ms]) * inv;
            sq += z * z;
            zs[i] = z * inv;
        }
        // remembered when σ is a constant (a prior's scale, the data's standard deviations)
        logs = ss == 0 ? n * TensorData.sumOfLogs(scale) : TensorData.sumOfLogs(scale);
        double[] out = {-0.5 * sq - logs - n * HALF_LOG_2PI};
        Tape t = Tape.common("Normal.logProb", x, loc, scale);
        if (t == null) return new Tensor(Shape.SCALAR, out);
        return t.push("normalLogProbSum", Shape.SCALAR, out, (g, adj) -> {
            double c = g[0];
            double[] gx = adj.of(x), gm = adj.of(loc), gs = adj.of(scale);
            if (gx != null) for (int i = 0; i < n; i++) gx[i * xs] -= c * zs[i];
            if (gm != null) for (int i = 0; i < n; i++) gm[i * ms] += c * zs[i];
            if (gs != null) {
                for (int i = 0; i < n; i++) {
                    double sd = sv[i * ss], z = zs[i] * sd;
                    gs[i * ss] += c * (z * z - 1) / sd;
                }
            }
        });
    }

    private static boolean fullOrOne(double[] v, int n) {
        return v.length == n || v.length == 1;
    }

    /**
     * Σ over a batch of {@code n} Normal entropies, log σ + ½ + ½ log 2π each, as one scalar node: σ has the batch
     * shape or one element (shared by all n). ∂/∂σ_i = 1/σ_i (n/σ for a shared σ).
     *
     * @throws IllegalArgumentException if σ has neither n elements nor one
     */
    public static Tensor normalEntropySum(Tensor scale, int n) {
        double[] sv = scale.data;
        if (!fullOrOne(sv, n)) {
            throw new IllegalArgumentException(
                    "Normal.entropySum: scale of shape " + scale.shape + " for a batch of " + n);
        }
        double logs = sv.length == n ? TensorData.sumOfLogs(scale) : n * Math.log(sv[0]);
        double[] out = {logs + n * (0.5 + HALF_LOG_2PI)};
        if (scale.tape == null) return new Tensor(Shape.SCALAR, out);
        return scale.tape.push("normalEntropySum", Shape.SCALAR, out, (g, adj) -> {
            double[] gs = adj.of(scale);
            double c = g[0];
            if (sv.length == n) {
                for (int i = 0; i < n; i++) gs[i] += c / sv[i];
            } else {
                gs[0] += c * n / sv[0];
            }
        });
    }

    /**
     * The location–scale map z = loc + scale·ε for a constant ε of the output shape (loc and scale broadcast to it),
     * one node: ∂z/∂loc = 1, ∂z/∂scale = ε.
     *
     * @param eps ownership passes to the result's backward rule; shape {@code s}
     */
    public static Tensor locScale(Tensor loc, Tensor scale, double[] eps, Shape s) {
        Shape.broadcast("locScale", Shape.broadcast("locScale", loc.shape, scale.shape), s);
        int n = s.size();
        double[] mv = Broadcasting.expand(loc.data, loc.shape, s), sv = Broadcasting.expand(scale.data, scale.shape, s);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = mv[i] + sv[i] * eps[i];
        Tape t = Tape.common("locScale", loc, scale);
        if (t == null) return new Tensor(s, z);
        return t.push("locScale", s, z, (g, adj) -> {
            adj.accumulate(loc, g, s);
            if (adj.wants(scale)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) c[i] = g[i] * eps[i];
                adj.accumulate(scale, c, s);
            }
        });
    }

    /**
     * Bernoulli log mass with logits: y·ℓ − softplus(ℓ), y broadcast against ℓ (y is data: no gradient);
     * ∂/∂ℓ = y − σ(ℓ). One exp and one log per element: e = e^{−|ℓ|} gives both softplus(ℓ) = max(ℓ, 0) + log1p(e)
     * and σ(ℓ) (kept for the backward pass). ℓ = ±∞ (a certain outcome) gives 0 for y = [ℓ > 0], else −∞.
     */
    public static Tensor bernoulliLogitLogProb(Tensor logits, Tensor y) {
        Shape s = Shape.broadcast("Bernoulli.logProb", logits.shape, y.shape);
        int n = s.size();
        double[] lv = Broadcasting.expand(logits.data, logits.shape, s), yv = Broadcasting.expand(y.data, y.shape, s);
        double[] out = new double[n], dl = new double[n];
        for (int i = 0; i < n; i++) {
            double l = lv[i], e = Math.exp(-Math.abs(l));
            // ℓ = ±∞ is a certain outcome: y·ℓ − softplus(ℓ) would be ∞ − ∞; log p is 0 for the certain value
            out[i] = Double.isInfinite(l)
                    ? (yv[i] == (l > 0 ? 1 : 0) ? 0 : Double.NEGATIVE_INFINITY)
                    : yv[i] * l - (Math.max(l, 0) + FastMath.log1p(e));
            double sig = l >= 0 ? 1 / (1 + e) : e / (1 + e);
            dl[i] = yv[i] - sig;
        }
        if (logits.tape == null) return new Tensor(s, out);
        return logits.tape.push("bernoulliLogitLogProb", s, out, (g, adj) -> {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) c[i] = g[i] * dl[i];
            adj.accumulate(logits, c, s);
        });
    }

    /**
     * Σ<sub>i</sub> y<sub>i</sub>ℓ<sub>i</sub> − softplus(ℓ<sub>i</sub>) as one scalar node, on the vectorized
     * kernel {@link VectorMath#bernoulliLogits} (the gradient y − σ(ℓ) written in the same pass). Logits and y have
     * the same shape, y holds only 0 and 1 (the caller checks). Returns {@code null} when the sum is not finite (an
     * infinite or NaN logit): the caller then takes the elementwise {@link #bernoulliLogitLogProb}, which gives
     * certain outcomes their exact log mass 0.
     */
    public static Tensor bernoulliLogitLogProbSum(Tensor logits, Tensor y) {
        if (!logits.shape.equals(y.shape)) {
            throw new IllegalArgumentException("Bernoulli.logProbSum: logits " + logits.shape + " and values " + y.shape
                    + " must have the same shape");
        }
        int n = logits.data.length;
        double[] dl = logits.tape == null ? null : new double[n];
        double sum = VectorMath.bernoulliLogits(n, logits.data, 0, y.data, 0, dl, 0);
        if (!Double.isFinite(sum)) return null;
        double[] out = {sum};
        if (logits.tape == null) return new Tensor(Shape.SCALAR, out);
        return logits.tape.push("bernoulliLogitLogProbSum", Shape.SCALAR, out, (g, adj) -> {
            double[] a = adj.of(logits);
            double c = g[0];
            for (int i = 0; i < n; i++) a[i] += c * dl[i];
        });
    }

    /**
     * log Cauchy(x; 0, s) restricted to x > 0 and doubled (the half-Cauchy): log(2/π) − log s − log(1 + (x/s)²).
     * ∂/∂x = −2x/(s² + x²), ∂/∂s = (x² − s²)/(s(s² + x²)). Values ≤ 0 are the caller's to mask.
     */
    public static Tensor halfCauchyLogProb(Tensor x, Tensor scale) {
        Shape s = Shape.broadcast("HalfCauchy.logProb", x.shape, scale.shape);
        int n = s.size();
        double[] xv = Broadcasting.expand(x.data, x.shape, s), sv = Broadcasting.expand(scale.data, scale.shape, s);
        double[] out = new double[n];
        final double log2OverPi = Math.log(2 / Math.PI);
        for (int i = 0; i < n; i++) {
            double z = xv[i] / sv[i];
            out[i] = log2OverPi - Math.log(sv[i]) - FastMath.log1p(z * z);
        }
        Tape t = Tape.common("HalfCauchy.logProb", x, scale);
        if (t == null) return new Tensor(s, out);
        return t.push("halfCauchyLogProb", s, out, (g, adj) -> {
            if (adj.wants(x)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) c[i] = -g[i] * 2 * xv[i] / (sv[i] * sv[i] + xv[i] * xv[i]);
                adj.accumulate(x, c, s);
            }
            if (adj.wants(scale)) {
                double[] c = new double[n];
                for (int i = 0; i < n; i++) {
                    double x2 = xv[i] * xv[i], s2 = sv[i] * sv[i];
                    c[i] = g[i] * (x2 - s2) / (sv[i] * (s2 + x2));
                }
                adj.accumulate(scale, c, s);
            }
        });
    }

    /** −Σ of all elements, one node (the log density of a point mass carrying −log|det J|). */
    public static Tensor negTotal(Tensor x) {
        double sum = 0;
        for (double v : x.data) sum += v;
        double[] y = {-sum};
        if (x.tape == null) return new Tensor(Shape.SCALAR, y);
        return x.tape.push("negTotal", Shape.SCALAR, y, (g, adj) -> {
            double[] gx = adj.of(x);
            for (int i = 0; i < gx.length; i++) gx[i] -= g[0];
        });
    }

    /** A constant zero tensor shaped like {@code x} (no tape node): the log|det J| of an identity. */
    public static Tensor zerosLike(Tensor x) {
        return new Tensor(x.shape, new double[x.size()]);
    }
}
