package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's multivariate densities: {@code dirichlet}, {@code multi_normal}, {@code multi_normal_cholesky},
 * {@code lkj_corr_cholesky}, {@code lkj_corr}.
 * \[ \log \mathrm{Dirichlet}(\theta \mid \alpha) = \log\Gamma(\textstyle\sum\alpha_k) - \sum\log\Gamma(\alpha_k)
 *    + \sum(\alpha_k - 1)\log\theta_k, \]
 * \[ \log \mathrm{MultiNormal}(y \mid \mu, LL^\top) = -\tfrac K2\log 2\pi - \sum_k \log L_{kk}
 *    - \tfrac12 \lVert L^{-1}(y - \mu)\rVert^2, \]
 * \[ \log \mathrm{LkjCholesky}(L \mid \eta) = c_K(\eta) + \sum_{k=2}^{K} (K - k + 2\eta - 2)\log L_{kk}, \]
 * with c<sub>K</sub>(η) the normalising constant of Lewandowski, Kurowicka and Joe (2009), theorem 5, as Stan
 * computes it (a separate closed form at η = 1).
 * Containers of vectors (y as {@code array[] vector}, shape [n, K]) are summed over; a single μ broadcasts.
 */
public final class Multivariates {
    private Multivariates() {}

    private static final double LOG_PI = Math.log(Math.PI), LOG_TWO = Math.log(2);

    /**
     * {@code dirichlet_lpdf(theta | alpha)}: theta a simplex [K] or an array of them [n, K]; alpha [K] or [n, K].
     *
     * @throws StanDomainException if theta is not a simplex, alpha not positive finite, or sizes differ
     */
    public static Tensor dirichletLpdf(Tensor theta, Tensor alpha) {
        String fn = "dirichlet_lpdf";
        int k = theta.dim(-1), nt = theta.rank() == 2 ? theta.dim(0) : 1, na = alpha.rank() == 2 ? alpha.dim(0) : 1;
        Check.sameSize(fn, "probabilities", k, "prior sample sizes", alpha.dim(-1));
        if (nt != na && nt != 1 && na != 1)
            Check.sameSize(fn, "probabilities (array size)", nt, "prior sample sizes", na);
        int n = Math.max(nt, na);
        Check.positiveFinite(fn, "prior sample sizes", alpha);
        double[] tv = TensorData.readOnly(theta), av = TensorData.readOnly(alpha);
        for (int r = 0; r < nt; r++) Check.simplex(fn, "probabilities", tv, r * k, k);
        int ts = nt == 1 ? 0 : k, as = na == 1 ? 0 : k;
        double[] dt = Fused.partials(theta), da = Fused.partials(alpha);
        double lp = 0;
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += av[r * as + j];
            lp += Special.lgamma(sum);
            double psiSum = da == null ? 0 : Special.digamma(sum);
            for (int j = 0; j < k; j++) {
                double a = av[r * as + j], t = tv[r * ts + j], lt = Math.log(t);
                lp += (a - 1) * lt - Special.lgamma(a);
                if (dt != null) dt[r * ts + j] += (a - 1) / t;
                if (da != null) da[r * as + j] += psiSum - Special.digamma(a) + lt;
            }
        }
        return Fused.scalar(fn, lp, theta, dt, alpha, da);
    }

    /** {@code dirichlet_rng(alpha)}: normalised Gamma(α_k) draws. */
    public static Tensor dirichletRng(RandomStream rng, Tensor alpha) {
        Check.positiveFinite("dirichlet_rng", "prior sample sizes", alpha);
        double[] av = TensorData.readOnly(alpha);
        double[] out = new double[av.length];
        double sum = 0;
        for (int j = 0; j < out.length; j++) sum += out[j] = Gammas.standardGamma(rng, av[j]);
        for (int j = 0; j < out.length; j++) out[j] /= sum;
        return Tensor.wrap(out, Shape.of(out.length));
    }

    /**
     * {@code multi_normal_cholesky_lpdf(y | mu, L)}: y and mu vectors [K] or arrays of vectors [n, K]; L the
     * lower-triangular Cholesky factor of the covariance. Built from the core triangular solve (one node each for
     * the residual, the solve and the sums).
     *
     * @throws StanDomainException if y is NaN, mu is not finite, or sizes differ
     */
    public static Tensor multiNormalCholeskyLpdf(Tensor y, Tensor mu, Tensor l) {
        String fn = "multi_normal_cholesky_lpdf";
        int k = l.dim(0);
        checkMvn(fn, y, mu, k);
        Tensor r = residuals(y, mu, k); // [K, n]
        Tensor z = l.solveTriangular(r, true, false);
        int n = r.dim(1);
        Tensor logDiag = diagonal(l).log().sum();
        return z.square().sum().mul(-0.5).sub(logDiag.mul(n)).sub(n * k * Normals.HALF_LOG_2PI);
    }

    /**
     * {@code multi_normal_lpdf(y | mu, Sigma)}: as {@link #multiNormalCholeskyLpdf} with L = cholesky(Σ).
     *
     * @throws StanDomainException if Sigma is not symmetric positive definite, y is NaN, mu not finite, or sizes
     *                             differ
     */
    public static Tensor multiNormalLpdf(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "multi_normal_lpdf";
        LinearAlgebraFunctions.checkSymmetric(fn, "Covariance matrix", sigma);
        Tensor l = LinearAlgebraFunctions.choleskyOrThrow(fn, "Covariance matrix", sigma);
        return multiNormalCholeskyLpdf(y, mu, l);
    }

    private static void checkMvn(String fn, Tensor y, Tensor mu, int k) {
        Check.sameSize(fn, "size of random variable", y.dim(-1), "rows of covariance parameter", k);
        Check.sameSize(fn, "size of location parameter", mu.dim(-1), "rows of covariance parameter", k);
        if (y.rank() == 2 && mu.rank() == 2) {
            Check.sameSize(fn, "Size of random variable", y.dim(0), "size of location parameter", mu.dim(0));
        }
        Check.notNan(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
    }

    /** (y − μ)ᵀ as a [K, n] matrix, broadcasting a single y or μ. */
    private static Tensor residuals(Tensor y, Tensor mu, int k) {
        Tensor d = y.sub(mu);
        return d.rank() == 1 ? d.reshape(k, 1) : d.transpose();
    }

    static Tensor diagonal(Tensor m) {
        int k = m.dim(0);
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        return m.takeLast(idx);
    }

    /** {@code multi_normal_rng(mu, Sigma)}: μ + L z. */
    public static Tensor multiNormalRng(RandomStream rng, Tensor mu, Tensor sigma) {
        String fn = "multi_normal_rng";
        Check.finite(fn, "Location parameter", mu);
        Tensor l = LinearAlgebraFunctions.choleskyOrThrow(fn, "Covariance matrix", sigma.detach());
        return multiNormalCholeskyRng(rng, mu, l);
    }

    /** {@code multi_normal_cholesky_rng(mu, L)}: μ + L z; for an array of locations [n, K], one draw each. */
    public static Tensor multiNormalCholeskyRng(RandomStream rng, Tensor mu, Tensor l) {
        int k = l.dim(0), n = mu.rank() == 2 ? mu.dim(0) : 1;
        double[] lv = TensorData.readOnly(l), mv = TensorData.readOnly(mu);
        double[] out = new double[n * k], z = new double[k];
        for (int r = 0; r < n; r++) {
            rng.fillGaussian(z, 0, k);
            for (int i = 0; i < k; i++) {
                double s = mv[r * k + i];
                for (int j = 0; j <= i; j++) s += lv[i * k + j] * z[j];
                out[r * k + i] = s;
            }
        }
        return Tensor.wrap(out, mu.shape());
    }

    /** Stan's {@code do_lkj_constant(eta, K)}. */
    static double lkjConstant(double eta, int kk) {
        int km1 = kk - 1;
        double c;
        if (eta == 1.0) {
            c = 0;
            for (int k = 1; k <= km1 / 2; k++) c -= Special.lgamma(2.0 * k);
            if (kk % 2 == 1) {
                c -= 0.25 * (kk * kk - 1) * LOG_PI
                        - 0.25 * (km1 * km1) * LOG_TWO
                        - km1 * Special.lgamma(0.5 * (kk + 1));
            } else {
                c -= 0.25 * kk * (kk - 2) * LOG_PI
                        + 0.25 * (3 * kk * kk - 4 * kk) * LOG_TWO
                        + kk * Special.lgamma(0.5 * kk)
                        - km1 * Special.lgamma(kk);
            }
        } else {
            c = km1 * Special.lgamma(eta + 0.5 * km1);
            for (int k = 1; k <= km1; k++) c -= 0.5 * k * LOG_PI + Special.lgamma(eta + 0.5 * (km1 - k));
        }
        return c;
    }

    /** d c_K(η)/dη for η ≠ 1 (the η = 1 branch is a constant in Stan: η is then data). */
    private static double lkjConstantGrad(double eta, int kk) {
        int km1 = kk - 1;
        double g = km1 * Special.digamma(eta + 0.5 * km1);
        for (int k = 1; k <= km1; k++) g -= Special.digamma(eta + 0.5 * (km1 - k));
        return g;
    }

    /**
     * {@code lkj_corr_cholesky_lpdf(L | eta)}, one tape node.
     *
     * @throws StanDomainException if eta is not positive or L is not a Cholesky factor (square, lower triangular,
     *                             positive diagonal)
     */
    public static Tensor lkjCorrCholeskyLpdf(Tensor l, Tensor eta) {
        String fn = "lkj_corr_cholesky_lpdf";
        Check.positive(fn, "Shape parameter", eta);
        double e = Check.scalar(fn, "Shape parameter", eta);
        int k = LinearAlgebraFunctions.checkCholeskyFactor(fn, "Random variable", l);
        if (k == 0) return Tensor.scalar(0);
        double[] lv = TensorData.readOnly(l);
        double[] dl = Fused.partials(l), de = Fused.partials(eta);
        double lp = lkjConstant(e, k), sumLog = 0;
        for (int i = 1; i < k; i++) {
            double ld = Math.log(lv[i * k + i]);
            double coef = (k - i - 1) + 2 * e - 2;
            lp += coef * ld;
            sumLog += ld;
            if (dl != null) dl[i * k + i] += coef / lv[i * k + i];
        }
        if (de != null) de[0] += (e == 1.0 ? 0 : lkjConstantGrad(e, k)) + 2 * sumLog;
        return Fused.scalar(fn, lp, l, dl, eta, de);
    }

    /**
     * {@code lkj_corr_lpdf(Omega | eta)}: c_K(η) + (η − 1) log det Ω, log det Ω from the Cholesky factor.
     *
     * @throws StanDomainException if eta is not positive or Omega is not a correlation matrix
     */
    public static Tensor lkjCorrLpdf(Tensor omega, Tensor eta) {
        String fn = "lkj_corr_lpdf";
        Check.positive(fn, "Shape parameter", eta);
        double e = Check.scalar(fn, "Shape parameter", eta);
        int k = omega.dim(0);
        double[] ov = TensorData.readOnly(omega);
        for (int i = 0; i < k; i++) {
            if (Math.abs(ov[i * k + i] - 1) > 1e-8) {
                throw new StanDomainException(fn + ": Correlation matrix is not a valid correlation matrix. "
                        + "Correlation matrix(" + (i + 1) + "," + (i + 1) + ") is " + Check.fmt(ov[i * k + i])
                        + ", but should be near 1");
            }
        }
        LinearAlgebraFunctions.checkSymmetric(fn, "Correlation matrix", omega);
        if (k == 0) return Tensor.scalar(0);
        Tensor l = LinearAlgebraFunctions.choleskyOrThrow(fn, "Correlation matrix", omega);
        Tensor logDet = diagonal(l).log().sum().mul(2);
        Tensor c = Tensor.scalar(lkjConstant(e, k));
        if (eta.requiresGrad() && e != 1.0) {
            double g = lkjConstantGrad(e, k);
            c = Fused.scalar(fn, lkjConstant(e, k), eta, new double[] {g});
        }
        return c.add(eta.sub(1.0).mul(logDet));
    }
}
