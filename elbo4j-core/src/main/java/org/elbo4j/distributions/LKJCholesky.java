package org.elbo4j.distributions;

import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;

/**
 * The LKJ distribution over Cholesky factors L of K×K correlation matrices, with concentration η > 0 (Stan's
 * {@code lkj_corr_cholesky}; the correlation matrix L·Lᵀ then has density ∝ det(LLᵀ)^{η−1}). The density with
 * respect to Lebesgue measure on the strict lower triangle of L (the diagonal follows from the unit rows) is,
 * with 1-based i,
 * \[ \log p(L) = \sum_{i=2}^{K} (K - i + 2\eta - 2)\,\log L_{ii} \;-\; \log c_K(\eta), \qquad
 *    \log c_K(\eta) = \sum_{k=0}^{K-2} (K-1-k)\Bigl[(2b_k - 1)\log 2 + \log B(b_k, b_k)\Bigr], \quad
 *    b_k = \eta + \tfrac{K-2-k}{2}. \]
 * The normalizer comes from the C-vine view: the canonical partial correlations z_ik (row i, column k &lt; i; the
 * z of {@link org.elbo4j.transform.CorrCholeskyTransform}) are independent with (1 + z_ik)/2 ~ Beta(b_k, b_k),
 * i.e. density (1 − z²)^{b_k−1} / (2^{2b_k−1} B(b_k, b_k)); it equals Lewandowski et al.'s c_K written with the
 * multivariate gamma function (as torch does). η = 1 is uniform over correlation matrices; η > 1 favours the
 * identity; η &lt; 1 favours strong correlations. Every off-diagonal correlation has (r + 1)/2 ~
 * Beta(η − 1 + K/2, η − 1 + K/2).
 *
 * <p><b>Sampling (onion method, in Cholesky form):</b> row 0 is e₀; for row k = 1 … K−1, draw
 * y ~ Beta(k/2, η + (K−1−k)/2) and u uniform on the unit sphere of ℝ^k (normalized Gaussians), then
 * L_{k,0:k} = √y·u and L_kk = √(1 − y). The Beta draws come from two Gamma draws by Marsaglia–Tsang (with
 * Gamma(a) = Gamma(a + 1)·U^{1/a} for a &lt; 1), kept in logs so y and 1 − y are both exact near 0 and 1 (a
 * private sampler: the shared Gamma family was not on main when this was written). No pathwise sampler:
 * {@link #hasRsample()} is false.
 *
 * <p>Parameters: {@code dim} K ≥ 2 and {@code concentration} η (a tensor; its shape is the batch shape).
 * Support {@link Constraints#CORRELATION_CHOLESKY}, event shape [K, K]. No closed-form mean of L is offered.
 *
 * <blockquote>D. Lewandowski, D. Kurowicka and H. Joe, "Generating random correlation matrices based on vines
 * and extended onion method", Journal of Multivariate Analysis 100(9), 1989–2001, 2009 (sections 3.2 and
 * 2.4). G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM Transactions on
 * Mathematical Software 26(3), 2000. Stan Development Team, "Stan Functions Reference", LKJ Cholesky
 * distribution.</blockquote>
 */
public final class LKJCholesky implements Distribution {
    private static final double LOG2 = Math.log(2);

    private final int dim;
    private final Tensor concentration;
    private final Shape batch, event;

    private LKJCholesky(int dim, Tensor concentration) {
        this.dim = dim;
        this.concentration = concentration;
        this.batch = concentration.shape();
        this.event = Shape.of(dim, dim);
    }

    /**
     * @param dim           K ≥ 2, the size of the correlation matrices
     * @param concentration η, every entry finite and > 0; its shape is the batch shape. Not modified.
     * @throws IllegalArgumentException if dim &lt; 2 or a concentration entry is not finite and &gt; 0
     */
    public static LKJCholesky of(int dim, Tensor concentration) {
        if (dim < 2) throw new IllegalArgumentException("LKJCholesky: dim must be >= 2, got " + dim);
        Distributions.requirePositive("LKJCholesky", "concentration", concentration);
        return new LKJCholesky(dim, concentration);
    }

    /** Scalar concentration. */
    public static LKJCholesky of(int dim, double concentration) {
        return of(dim, Tensor.scalar(concentration));
    }

    /** K. */
    public int dim() {
        return dim;
    }

    /** η. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    public Shape batchShape() {
        return batch;
    }

    @Override
    public Shape eventShape() {
        return event;
    }

    @Override
    public Constraint support() {
        return Constraints.CORRELATION_CHOLESKY;
    }

    @Override
    public boolean hasRsample() {
        return false;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
        Shape s = Distributions.drawShape(this, sampleShape);
        double[] eta = concentration.broadcastTo(batch).toArray();
        int nb = batch.size(), kk = dim * dim, draws = s.size() / kk;
        double[] out = new double[s.size()], u = new double[dim];
        for (int d = 0; d < draws; d++) onion(rng, eta[d % nb], out, d * kk, u);
        return Tensor.wrap(out, s);
    }

    /** One draw into out[o, o + K²) (zero-initialized); u is scratch of length ≥ K. */
    private void onion(RandomStream rng, double eta, double[] out, int o, double[] u) {
        int n = dim;
        out[o] = 1;
        for (int k = 1; k < n; k++) {
            double la = logStandardGamma(0.5 * k, rng), lb = logStandardGamma(eta + 0.5 * (n - 1 - k), rng);
            // y = Ga/(Ga + Gb) = σ(log Ga − log Gb) and 1 − y = σ(log Gb − log Ga), each without cancellation.
            double y = sigmoid(la - lb), yc = sigmoid(lb - la);
            rng.fillGaussian(u, 0, k);
            double norm = 0;
            for (int j = 0; j < k; j++) norm += u[j] * u[j];
            double f = Math.sqrt(y / norm);
            for (int j = 0; j < k; j++) out[o + k * n + j] = f * u[j];
            out[o + k * n + k] = Math.sqrt(yc);
        }
    }

    private static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }

    /**
     * log G for G ~ Gamma(a, 1): Marsaglia–Tsang for a ≥ 1 (d = a − 1/3, c = 1/√(9d), v = (1 + c·x)³ for
     * x ~ N(0, 1), accepted when log U < x²/2 + d − d·v + d·log v; G = d·v), and log G(a + 1) + log(U)/a for a < 1.
     */
    static double logStandardGamma(double a, RandomStream rng) {
        if (a < 1) return logStandardGamma(a + 1, rng) + Math.log(rng.nextOpenUnit()) / a;
        double d = a - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double logV = Math.log(v);
            if (Math.log(rng.nextOpenUnit()) < 0.5 * x * x + d - d * v + d * logV) return Math.log(d) + logV;
        }
    }

    /**
     * @param value shape [..., K, K] (sample and batch dimensions broadcasting against the batch shape). Not
     *              modified; gradients flow into it and into the concentration.
     * @return shape sampleShape + batchShape; −∞ where the value is not the Cholesky factor of a correlation matrix
     * @throws IllegalArgumentException if the value does not end with [K, K] or holds a NaN
     */
    @Override
    public Tensor logProb(Tensor value) {
        Distributions.checkValue(this, value);
        Tensor ok = support().check(value);
        double[] a = new double[dim], m = new double[dim];
        for (int i = 1; i < dim; i++) {
            a[i] = dim - 1 - i; // K − i + 2η − 2 (1-based i) = (K − 1 − i) + 2(η − 1) with 0-based i ≥ 1
            m[i] = 1;
        }
        Tensor diag = value.mul(Tensor.eye(dim)).sum(-1);
        // log of the diagonal, with 1 substituted outside the support (masked below) so no NaN reaches a gradient.
        double[] pos = new double[diag.size()];
        for (int i = 0; i < pos.length; i++) pos[i] = diag.at(i) > 0 ? 1 : 0;
        Tensor logDiag = Tensor.where(Tensor.wrap(pos, diag.shape()), diag, Tensor.scalar(1))
                .log();
        Tensor unnormalized = logDiag.mul(Tensor.of(a))
                .sum(-1)
                .add(concentration.sub(1).mul(2).mul(logDiag.mul(Tensor.of(m)).sum(-1)));
        Tensor lp = unnormalized.sub(logNormalizer());
        for (int i = 0; i < ok.size(); i++) {
            if (ok.at(i) == 0) return Tensor.where(ok, lp, Tensor.scalar(Double.NEGATIVE_INFINITY));
        }
        return lp;
    }

    /** log c_K(η) = Σ_k (K−1−k)[(2b_k − 1) log 2 + 2 lgamma(b_k) − lgamma(2b_k)], b_k = η + (K−2−k)/2; shape batch. */
    Tensor logNormalizer() {
        Tensor total = null;
        for (int k = 0; k <= dim - 2; k++) {
            Tensor b = concentration.add(0.5 * (dim - 2 - k));
            Tensor logBeta = b.lgamma().mul(2).sub(b.mul(2).lgamma()); // log B(b, b)
            Tensor term = b.mul(2 * LOG2).sub(LOG2).add(logBeta).mul(dim - 1 - k);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    @Override
    public String toString() {
        return "LKJCholesky(dim=" + dim + ", concentration=" + concentration + ")";
    }
}
