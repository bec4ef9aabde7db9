package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.FusedOps;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's normal family: {@code normal}, {@code std_normal}, {@code lognormal} and {@code normal_id_glm}.
 * \[ \log N(y \mid \mu, \sigma) = -\tfrac12 \log 2\pi - \log\sigma - \tfrac12 \left(\frac{y-\mu}{\sigma}\right)^2,
 *    \quad \sigma > 0. \]
 * Every density is summed over its vectorised elements and keeps every constant.
 */
public final class Normals {
    private Normals() {}

    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /**
     * {@code normal_lpdf(y | mu, sigma)}, one tape node.
     *
     * @param y reals; mu reals; sigma reals. Not modified.
     * @return the summed log density (a shape-[] tensor)
     * @throws StanDomainException if y is NaN, mu not finite, sigma not positive, or containers differ in size
     */
    public static Tensor normalLpdf(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "normal_lpdf";
        if (y.rank() == 0 && mu.rank() == 0 && sigma.rank() == 0) return scalarNormal(y, mu, sigma);
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.notNan(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positive(fn, "Scale parameter", sigma);
        if (y.size() == 0 || mu.size() == 0 || sigma.size() == 0) return Tensor.scalar(0);
        if (Fused.sameShapes(y, mu, sigma)) {
            Tensor fused = FusedOps.normalLogProbSum(y, mu, sigma);
            if (fused != null) return fused;
        }
        return general(fn, n, y, mu, sigma);
    }

    /** All three scalars (a density inside a user's loop): no container bookkeeping. */
    private static Tensor scalarNormal(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "normal_lpdf";
        double yv = TensorData.readOnly(y)[0], m = TensorData.readOnly(mu)[0], s = TensorData.readOnly(sigma)[0];
        if (Double.isNaN(yv)) Check.notNan(fn, "Random variable", y);
        if (!Double.isFinite(m)) Check.finite(fn, "Location parameter", mu);
        if (!(s > 0)) Check.positive(fn, "Scale parameter", sigma);
        double z = (yv - m) / s;
        double[] out = {-0.5 * z * z - Math.log(s) - HALF_LOG_2PI};
        if (!y.requiresGrad() && !mu.requiresGrad() && !sigma.requiresGrad()) return Tensor.wrap(out, Shape.SCALAR);
        double dmu = z / s, ds = (z * z - 1) / s;
        return Tensor.custom(
                fn,
                Shape.SCALAR,
                out,
                (g, adj) -> {
                    double c = g[0];
                    double[] a = adj.of(y);
                    if (a != null) a[0] -= c * dmu;
                    a = adj.of(mu);
                    if (a != null) a[0] += c * dmu;
                    a = adj.of(sigma);
                    if (a != null) a[0] += c * ds;
                },
                y,
                mu,
                sigma);
    }

    private static Tensor general(String fn, int n, Tensor y, Tensor mu, Tensor sigma) {
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = -n * HALF_LOG_2PI;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], z = (yv[i * ys] - mv[i * ms]) / s;
            lp -= 0.5 * z * z + Math.log(s);
            if (dy != null) dy[i * ys] -= z / s;
            if (dm != null) dm[i * ms] += z / s;
            if (ds != null) ds[i * ss] += (z * z - 1) / s;
        }
        return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
    }

    /** {@code std_normal_lpdf(y)}: Σ −½y² − ½ log 2π. @throws StanDomainException if y is NaN */
    public static Tensor stdNormalLpdf(Tensor y) {
        String fn = "std_normal_lpdf";
        Check.notNan(fn, "Random variable", y);
        double[] yv = TensorData.readOnly(y);
        double[] dy = Fused.partials(y);
        double lp = -yv.length * HALF_LOG_2PI;
        for (int i = 0; i < yv.length; i++) {
            lp -= 0.5 * yv[i] * yv[i];
            if (dy != null) dy[i] = -yv[i];
        }
        return Fused.scalar(fn, lp, y, dy);
    }

    /** {@code normal_cdf(y | mu, sigma)}: Π Φ((y−μ)/σ). @throws StanDomainException as {@link #normalLpdf} */
    public static Tensor normalCdf(Tensor y, Tensor mu, Tensor sigma) {
        return cdfs("normal_cdf", y, mu, sigma, 0);
    }

    /** {@code normal_lcdf(y | mu, sigma)}: Σ log Φ((y−μ)/σ). */
    public static Tensor normalLcdf(Tensor y, Tensor mu, Tensor sigma) {
        return cdfs("normal_lcdf", y, mu, sigma, 1);
    }

    /** {@code normal_lccdf(y | mu, sigma)}: Σ log(1 − Φ((y−μ)/σ)). */
    public static Tensor normalLccdf(Tensor y, Tensor mu, Tensor sigma) {
        return cdfs("normal_lccdf", y, mu, sigma, 2);
    }

    /** kind 0: the product of the CDFs; 1: Σ log CDF; 2: Σ log CCDF. */
    private static Tensor cdfs(String fn, Tensor y, Tensor mu, Tensor sigma, int kind) {
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.notNan(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positive(fn, "Scale parameter", sigma);
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], z = (yv[i * ys] - mv[i * ms]) / s;
            // log Φ(±z) and its derivative φ(z)/Φ(±z), formed in logs so the tails neither underflow nor divide 0/0
            double sign = kind == 2 ? -1 : 1;
            double logc = Special.normalLogCdf(sign * z);
            lp += logc;
            double dz = sign * Math.exp(-0.5 * z * z - logc) * INV_SQRT_2PI;
            if (dy != null) dy[i * ys] += dz / s;
            if (dm != null) dm[i * ms] -= dz / s;
            if (ds != null) ds[i * ss] -= dz * z / s;
        }
        if (kind != 0) return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
        double p = Math.exp(lp); // d Π/dx = Π · d Σ log/dx
        scale(dy, p);
        scale(dm, p);
        scale(ds, p);
        return Fused.scalar(fn, p, y, dy, mu, dm, sigma, ds);
    }

    static void scale(double[] d, double c) {
        if (d != null) for (int i = 0; i < d.length; i++) d[i] *= c;
    }

    /**
     * {@code normal_rng(mu, sigma)}: a real, or an array of reals when an argument is a container.
     *
     * @throws StanDomainException if mu is not finite or sigma not positive finite
     */
    public static Tensor normalRng(RandomStream rng, Tensor mu, Tensor sigma) {
        String fn = "normal_rng";
        int n = Check.size(fn, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] out = new double[n];
        rng.fillGaussian(out, 0, n);
        for (int i = 0; i < n; i++) out[i] = mv[i * ms] + sv[i * ss] * out[i];
        return Rng.result(out, Rng.anyContainer(mu, sigma));
    }

    /** {@code std_normal_rng()}: one standard normal draw. */
    public static Tensor stdNormalRng(RandomStream rng) {
        return Tensor.scalar(Rng.gaussian(rng));
    }

    /**
     * {@code lognormal_lpdf(y | mu, sigma)}: Σ −½ log 2π − log σ − log y − ½((log y − μ)/σ)²; −∞ when some y = 0.
     *
     * @throws StanDomainException if y is negative or NaN, mu not finite, sigma not positive finite
     */
    public static Tensor lognormalLpdf(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "lognormal_lpdf";
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.nonnegative(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        for (double v : yv) if (v == 0) return Tensor.scalar(Double.NEGATIVE_INFINITY);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = -n * HALF_LOG_2PI;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], yi = yv[i * ys], ly = Math.log(yi), z = (ly - mv[i * ms]) / s;
            lp -= 0.5 * z * z + Math.log(s) + ly;
            if (dy != null) dy[i * ys] -= (z / s + 1) / yi;
            if (dm != null) dm[i * ms] += z / s;
            if (ds != null) ds[i * ss] += (z * z - 1) / s;
        }
        return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
    }

    /** {@code lognormal_rng(mu, sigma)}: exp of a normal draw. @throws StanDomainException as {@link #normalRng} */
    public static Tensor lognormalRng(RandomStream rng, Tensor mu, Tensor sigma) {
        String fn = "lognormal_rng";
        int n = Check.size(fn, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] out = new double[n];
        rng.fillGaussian(out, 0, n);
        for (int i = 0; i < n; i++) out[i] = Math.exp(mv[i * ms] + sv[i * ss] * out[i]);
        return Rng.result(out, Rng.anyContainer(mu, sigma));
    }

    /**
     * {@code normal_id_glm_lpdf(y | x, alpha, beta, sigma)} = {@code normal_lpdf(y | alpha + x * beta, sigma)}: the
     * product by the core GEMV, then the fused normal density.
     *
     * @param y vector[N] (or a real); x matrix[N, K] (or row_vector[K]); alpha real or vector[N]; beta vector[K];
     *          sigma real or vector[N]
     * @throws StanDomainException if the sizes disagree or an argument is outside its domain
     */
    public static Tensor normalIdGlmLpdf(Tensor y, Tensor x, Tensor alpha, Tensor beta, Tensor sigma) {
        String fn = "normal_id_glm_lpdf";
        Tensor xm = x.rank() == 1 ? x.reshape(1, x.size()) : x;
        if (xm.rank() != 2) throw new IllegalArgumentException(fn + ": x must be a matrix, got shape " + x.shape());
        Check.sameSize(fn, "columns of Matrix of independent variables", xm.dim(1), "Weight vector", beta.size());
        int rows = xm.dim(0);
        if (y.rank() > 0) Check.sameSize(fn, "Vector of dependent variables", y.size(), "rows of Matrix", rows);
        Check.finite(fn, "Matrix of independent variables", x);
        Check.finite(fn, "Weight vector", beta);
        Check.finite(fn, "Intercept", alpha);
        Check.positiveFinite(fn, "Scale vector", sigma);
        Tensor mu = xm.matmul(beta).add(alpha.rank() == 0 ? alpha : alpha.reshape(rows));
        Tensor yy = y.rank() == 0 && rows != 1 ? y : y.reshape(rows);
        return normalLpdf(yy, mu, sigma);
    }
}
