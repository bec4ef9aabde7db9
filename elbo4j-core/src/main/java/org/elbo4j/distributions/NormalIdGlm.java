package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.blas.Blas;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The normal linear model with identity link (Stan's {@code normal_id_glm}): for a design matrix x (N×K),
 * an intercept α (often written a; scalar or one per row), coefficients β (K) and a scale σ (scalar or one per
 * row), the N observations are independent with
 * \[ y_i \sim \mathcal{N}\bigl(\alpha_i + x_i^\top \beta,\; \sigma_i\bigr), \qquad
 *    \log p(y_i) = -\tfrac12 r_i^2 - \log\sigma_i - \tfrac12\log 2\pi,\quad r_i = \frac{y_i - \alpha_i - x_i^\top\beta}{\sigma_i}. \]
 * Batch shape [N]. It is {@code Normal.of(x.matmul(beta).add(alpha), sigma)}, with {@link #logProb} fused into
 * one node whose backward pass uses the closed-form partials (Stan Math's GLM functions):
 * ∂/∂β = xᵀ(g ⊙ r/σ), ∂/∂α = g ⊙ r/σ, ∂/∂σ = g ⊙ (r² − 1)/σ, ∂/∂y = −g ⊙ r/σ, ∂/∂x = (g ⊙ r/σ) βᵀ, where g is
 * the upstream gradient of each log p(y_i) — two matrix–vector products per gradient instead of a chain of N-sized
 * temporaries.
 *
 * <p><b>Reparameterization:</b> y = α + xβ + σ·ε, ε ~ N(0, I).
 *
 * <pre>{@code
 * Tensor b = s.sample("b", Normal.of(Tensor.zeros(k), Tensor.ones(k)));
 * s.observe("y", NormalIdGlm.of(x, intercept, b, sigma), y);     // x: [N, K] data
 * }</pre>
 *
 * <blockquote>Stan Development Team, "Stan Functions Reference", {@code normal_id_glm}.</blockquote>
 */
public final class NormalIdGlm implements Distribution {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor x, alpha, beta, sigma;
    private final int n, k;

    private NormalIdGlm(Tensor x, Tensor alpha, Tensor beta, Tensor sigma) {
        this.x = x;
        this.alpha = alpha;
        this.beta = beta;
        this.sigma = sigma;
        this.n = x.dim(0);
        this.k = x.dim(1);
    }

    /**
     * @param x     the design matrix [N, K] (finite; a non-finite entry is reported by {@link #logProb})
     * @param alpha the intercept: [] or [N], finite
     * @param beta  the coefficients: [K], finite
     * @param sigma the scale: [] or [N], > 0
     * @throws IllegalArgumentException naming the parameter when a shape does not fit or a value is out of range
     */
    public static NormalIdGlm of(Tensor x, Tensor alpha, Tensor beta, Tensor sigma) {
        if (x.rank() != 2)
            throw new IllegalArgumentException("NormalIdGlm: x must be a matrix [N, K], got shape " + x.shape());
        int n = x.dim(0), k = x.dim(1);
        if (!beta.shape().equals(Shape.of(k))) {
            throw new IllegalArgumentException(
                    "NormalIdGlm: beta must have shape [" + k + "] to match x " + x.shape() + ", got " + beta.shape());
        }
        for (var e : java.util.Map.of("alpha", alpha, "sigma", sigma).entrySet()) {
            Shape s = e.getValue().shape();
            if (!(s.rank() == 0 || s.equals(Shape.of(n)))) {
                throw new IllegalArgumentException(
                        "NormalIdGlm: " + e.getKey() + " must be a scalar or have shape [" + n + "], got " + s);
            }
        }
        Distributions.requireFinite("NormalIdGlm", "alpha", alpha);
        Distributions.requireFinite("NormalIdGlm", "beta", beta);
        Distributions.requirePositive("NormalIdGlm", "sigma", sigma);
        return new NormalIdGlm(x, alpha, beta, sigma);
    }

    /** Scalar intercept and scale. */
    public static NormalIdGlm of(Tensor x, double alpha, Tensor beta, double sigma) {
        return of(x, Tensor.scalar(alpha), beta, Tensor.scalar(sigma));
    }

    /** The linear predictor α + xβ, shape [N] (differentiable, built from tensor ops). */
    public Tensor loc() {
        return x.matmul(beta).add(alpha);
    }

    /** σ. */
    public Tensor scale() {
        return sigma;
    }

    @Override
    public Shape batchShape() {
        return Shape.of(n);
    }

    @Override
    public Shape eventShape() {
        return Shape.SCALAR;
    }

    @Override
    public Constraint support() {
        return Constraints.REAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public boolean hasEntropy() {
        return true;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        return rsample(rng, sampleShape).detach();
    }

    @Override
    public Tensor rsample(RandomStream rng, Shape sampleShape) {
        return asNormal().rsample(rng, sampleShape);
    }

    private Normal asNormal() {
        return Normal.of(loc(), sigma.broadcastTo(Shape.of(n)));
    }

    /**
     * @param value [N] (fused), or [..., N] (through {@link Normal}). Not modified.
     * @return log p(y_i), shape [..., N]
     * @throws IllegalArgumentException if the shape does not fit, the value holds NaN, or x holds a non-finite
     *                                  entry (naming its row and column)
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        if (!value.shape().equals(Shape.of(n))) return asNormal().logProb(value);
        double[] xs = x.toArray(), b = beta.toArray(), y = value.toArray();
        double[] mu = new double[n];
        Blas.dgemv(false, n, k, 1.0, xs, 0, k, b, 0, 0.0, mu, 0);
        boolean scalarA = alpha.rank() == 0, scalarS = sigma.rank() == 0;
        double a0 = scalarA ? alpha.item() : 0, s0 = scalarS ? sigma.item() : 0;
        double[] r = new double[n], lp = new double[n];
        for (int i = 0; i < n; i++) {
            double s = scalarS ? s0 : sigma.at(i);
            double m = mu[i] + (scalarA ? a0 : alpha.at(i));
            if (!Double.isFinite(m)) throw nonFinite(xs, i);
            r[i] = (y[i] - m) / s;
            lp[i] = -0.5 * r[i] * r[i] - Math.log(s) - HALF_LOG_2PI;
        }
        return Tensor.custom(
                "normalIdGlm",
                Shape.of(n),
                lp,
                (g, adj) -> {
                    double[] v = new double[n]; // g ⊙ r / σ
                    double[] gs = adj.wants(sigma) ? new double[n] : null;
                    for (int i = 0; i < n; i++) {
                        double s = scalarS ? s0 : sigma.at(i);
                        v[i] = g[i] * r[i] / s;
                        if (gs != null) gs[i] = g[i] * (r[i] * r[i] - 1) / s;
                    }
                    double[] gb = adj.of(beta);
                    if (gb != null) Blas.dgemv(true, k, n, 1.0, xs, 0, k, v, 0, 1.0, gb, 0);
                    adj.accumulate(alpha, v, Shape.of(n));
                    if (gs != null) adj.accumulate(sigma, gs, Shape.of(n));
                    double[] gy = adj.of(value);
                    if (gy != null) for (int i = 0; i < n; i++) gy[i] -= v[i];
                    double[] gx = adj.of(x);
                    if (gx != null) {
                        for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) gx[i * k + j] += v[i] * b[j];
                    }
                },
                x,
                alpha,
                beta,
                sigma,
                value);
    }

    private IllegalArgumentException nonFinite(double[] xs, int i) {
        for (int j = 0; j < k; j++) {
            if (!Double.isFinite(xs[i * k + j])) {
                return new IllegalArgumentException("NormalIdGlm: x[" + i + ", " + j + "] is " + xs[i * k + j]);
            }
        }
        return new IllegalArgumentException("NormalIdGlm: the linear predictor of row " + i + " overflows (" + "x row "
                + i + " times beta is not finite)");
    }

    @Override
    public Tensor mean() {
        return loc();
    }

    @Override
    public Tensor variance() {
        return sigma.square().broadcastTo(Shape.of(n));
    }

    @Override
    public Tensor entropy() {
        return sigma.log().add(0.5 + HALF_LOG_2PI).broadcastTo(Shape.of(n));
    }

    @Override
    public String toString() {
        return "NormalIdGlm(x=" + x.shape() + ", alpha=" + alpha + ", beta=" + beta + ", sigma=" + sigma + ")";
    }
}
