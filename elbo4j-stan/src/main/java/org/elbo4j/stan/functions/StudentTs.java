package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code student_t} and {@code cauchy} (Student-t with ν = 1):
 * \[ \log t_\nu(y \mid \mu, \sigma) = \log\Gamma(\tfrac{\nu+1}2) - \log\Gamma(\tfrac\nu2) - \tfrac12\log(\nu\pi)
 *    - \log\sigma - \tfrac{\nu+1}2 \log\!\left(1 + \tfrac1\nu\left(\tfrac{y-\mu}\sigma\right)^2\right), \]
 * \[ \log \mathrm{Cauchy}(y \mid \mu, \sigma) = -\log\pi - \log\sigma - \log(1 + ((y-\mu)/\sigma)^2). \]
 * The Student-t CDF is F(t) = ½ + ½ sign(t) (1 − I<sub>ν/(ν+t²)</sub>(ν/2, ½)), t = (y − μ)/σ.
 */
public final class StudentTs {
    private StudentTs() {}

    private static final double LOG_PI = Math.log(Math.PI);
    /** Relative step of the central difference for ∂F/∂ν (truncation ~h², rounding ~ε/h: both near 1e-10). */
    private static final double NU_STEP = 1e-5;

    /**
     * {@code student_t_lpdf(y | nu, mu, sigma)}, one tape node.
     *
     * @throws StanDomainException if y is NaN, nu or sigma not positive finite, mu not finite, or sizes differ
     */
    public static Tensor studentTLpdf(Tensor y, Tensor nu, Tensor mu, Tensor sigma) {
        String fn = "student_t_lpdf";
        int n = Check.size(
                fn,
                "Random variable",
                y,
                "Degrees of freedom parameter",
                nu,
                "Location parameter",
                mu,
                "Scale parameter",
                sigma);
        Check.notNan(fn, "Random variable", y);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        if (y.size() == 0 || nu.size() == 0 || mu.size() == 0 || sigma.size() == 0) return Tensor.scalar(0);
        double[] yv = TensorData.readOnly(y),
                nv = TensorData.readOnly(nu),
                mv = TensorData.readOnly(mu),
                sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ns = Fused.stride(nu), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dn = Fused.partials(nu), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double v = nv[i * ns], s = sv[i * ss], r = yv[i * ys] - mv[i * ms], z = r / s, q = z * z / v;
            double l1p = Math.log1p(q);
            lp += Special.lgamma(0.5 * (v + 1))
                    - Special.lgamma(0.5 * v)
                    - 0.5 * Math.log(v)
                    - 0.5 * LOG_PI
                    - Math.log(s)
                    - 0.5 * (v + 1) * l1p;
            double dyi = -(v + 1) * r / ((1 + q) * s * s * v);
            if (dy != null) dy[i * ys] += dyi;
            if (dm != null) dm[i * ms] -= dyi;
            double rep = (v + 1) * q / (1 + q) - 1;
            if (ds != null) ds[i * ss] += rep / s;
            if (dn != null) {
                dn[i * ns] += 0.5 * (Special.digamma(0.5 * (v + 1)) - Special.digamma(0.5 * v) - l1p + rep / v);
            }
        }
        return Fused.scalar(fn, lp, new Tensor[] {y, nu, mu, sigma}, new double[][] {dy, dn, dm, ds});
    }

    /** {@code student_t_cdf(y | nu, mu, sigma)}: the product of the CDFs. */
    public static Tensor studentTCdf(Tensor y, Tensor nu, Tensor mu, Tensor sigma) {
        return cdf("student_t_cdf", y, nu, mu, sigma, 0);
    }

    /** {@code student_t_lcdf(y | nu, mu, sigma)}: Σ log F. */
    public static Tensor studentTLcdf(Tensor y, Tensor nu, Tensor mu, Tensor sigma) {
        return cdf("student_t_lcdf", y, nu, mu, sigma, 1);
    }

    /** {@code student_t_lccdf(y | nu, mu, sigma)}: Σ log(1 − F). */
    public static Tensor studentTLccdf(Tensor y, Tensor nu, Tensor mu, Tensor sigma) {
        return cdf("student_t_lccdf", y, nu, mu, sigma, 2);
    }

    /** P(T &lt; −|t|) = ½ I<sub>ν/(ν+t²)</sub>(ν/2, ½); for small t² through the complement, without cancellation. */
    static double lowerTail(double t, double v) {
        double t2 = t * t;
        if (t2 < v) return 0.5 - 0.5 * Special.regularizedBeta(t2 / (v + t2), 0.5, 0.5 * v);
        return 0.5 * Special.regularizedBeta(v / (v + t2), 0.5 * v, 0.5);
    }

    private static Tensor cdf(String fn, Tensor y, Tensor nu, Tensor mu, Tensor sigma, int kind) {
        int n = Check.size(
                fn,
                "Random variable",
                y,
                "Degrees of freedom parameter",
                nu,
                "Location parameter",
                mu,
                "Scale parameter",
                sigma);
        Check.notNan(fn, "Random variable", y);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] yv = TensorData.readOnly(y),
                nv = TensorData.readOnly(nu),
                mv = TensorData.readOnly(mu),
                sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ns = Fused.stride(nu), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dn = Fused.partials(nu), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double v = nv[i * ns], s = sv[i * ss], t = (yv[i * ys] - mv[i * ms]) / s;
            double p = lowerTail(t, v);
            // F = p below 0, 1 − p above; the upper tail (kind 2) is the mirror image
            boolean small = kind == 2 ? t > 0 : t < 0;
            double prob = small ? p : 1 - p;
            double logProb = small ? Math.log(p) : Math.log1p(-p);
            lp += logProb;
            double sign = kind == 2 ? -1 : 1;
            double logDens = Special.lgamma(0.5 * (v + 1))
                    - Special.lgamma(0.5 * v)
                    - 0.5 * Math.log(v * Math.PI)
                    - 0.5 * (v + 1) * Math.log1p(t * t / v);
            double dt = sign * Math.exp(logDens - logProb); // d log(prob)/dt
            if (dy != null) dy[i * ys] += dt / s;
            if (dm != null) dm[i * ms] -= dt / s;
            if (ds != null) ds[i * ss] -= dt * t / s;
            if (dn != null) {
                double h = NU_STEP * Math.max(1, v);
                double dp = (lowerTail(t, v + h) - lowerTail(t, v - h)) / (2 * h);
                dn[i * ns] += (small ? dp : -dp) / prob;
            }
        }
        if (kind != 0) return Fused.scalar(fn, lp, new Tensor[] {y, nu, mu, sigma}, new double[][] {dy, dn, dm, ds});
        double prod = Math.exp(lp);
        for (double[] d : new double[][] {dy, dn, dm, ds}) Normals.scale(d, prod);
        return Fused.scalar(fn, prod, new Tensor[] {y, nu, mu, sigma}, new double[][] {dy, dn, dm, ds});
    }

    /** {@code student_t_rng(nu, mu, sigma)}: μ + σ·Z/√(V/ν), Z normal, V chi-square(ν). */
    public static Tensor studentTRng(RandomStream rng, Tensor nu, Tensor mu, Tensor sigma) {
        String fn = "student_t_rng";
        int n = Check.size(fn, "Degrees of freedom parameter", nu, "Location parameter", mu, "Scale parameter", sigma);
        Check.positiveFinite(fn, "Degrees of freedom parameter", nu);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] nv = TensorData.readOnly(nu), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ns = Fused.stride(nu), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = nv[i * ns];
            double chi2 = 2 * Gammas.standardGamma(rng, 0.5 * v);
            out[i] = mv[i * ms] + sv[i * ss] * Rng.gaussian(rng) / Math.sqrt(chi2 / v);
        }
        return Rng.result(out, Rng.anyContainer(nu, mu, sigma));
    }

    /**
     * {@code cauchy_lpdf(y | mu, sigma)}, one tape node.
     *
     * @throws StanDomainException if y is NaN, mu not finite, sigma not positive finite, or sizes differ
     */
    public static Tensor cauchyLpdf(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "cauchy_lpdf";
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.notNan(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        if (y.size() == 0 || mu.size() == 0 || sigma.size() == 0) return Tensor.scalar(0);
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = -n * LOG_PI;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], r = yv[i * ys] - mv[i * ms], z = r / s;
            lp -= Math.log(s) + Math.log1p(z * z);
            double den = s * s + r * r;
            if (dy != null) dy[i * ys] -= 2 * r / den;
            if (dm != null) dm[i * ms] += 2 * r / den;
            if (ds != null) ds[i * ss] += (r * r - s * s) / (s * den);
        }
        return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
    }

    /** {@code cauchy_cdf(y | mu, sigma)}: Π (½ + atan(z)/π). */
    public static Tensor cauchyCdf(Tensor y, Tensor mu, Tensor sigma) {
        return cauchyCdfs("cauchy_cdf", y, mu, sigma, 0);
    }

    /** {@code cauchy_lcdf(y | mu, sigma)}. */
    public static Tensor cauchyLcdf(Tensor y, Tensor mu, Tensor sigma) {
        return cauchyCdfs("cauchy_lcdf", y, mu, sigma, 1);
    }

    /** {@code cauchy_lccdf(y | mu, sigma)}. */
    public static Tensor cauchyLccdf(Tensor y, Tensor mu, Tensor sigma) {
        return cauchyCdfs("cauchy_lccdf", y, mu, sigma, 2);
    }

    private static Tensor cauchyCdfs(String fn, Tensor y, Tensor mu, Tensor sigma, int kind) {
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.notNan(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], z = (yv[i * ys] - mv[i * ms]) / s;
            double sign = kind == 2 ? -1 : 1;
            // ½ − atan(|z|)/π = atan(1/|z|)/π keeps the relative accuracy of the far tail
            double w = sign * z;
            double prob = w < 0 ? Math.atan(-1 / w) / Math.PI : 0.5 + Math.atan(w) / Math.PI;
            lp += Math.log(prob);
            double dz = sign / (Math.PI * (1 + z * z) * prob);
            if (dy != null) dy[i * ys] += dz / s;
            if (dm != null) dm[i * ms] -= dz / s;
            if (ds != null) ds[i * ss] -= dz * z / s;
        }
        if (kind != 0) return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
        double prod = Math.exp(lp);
        for (double[] d : new double[][] {dy, dm, ds}) Normals.scale(d, prod);
        return Fused.scalar(fn, prod, y, dy, mu, dm, sigma, ds);
    }

    /** {@code cauchy_rng(mu, sigma)}: μ + σ tan(π(u − ½)). */
    public static Tensor cauchyRng(RandomStream rng, Tensor mu, Tensor sigma) {
        String fn = "cauchy_rng";
        int n = Check.size(fn, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = mv[i * ms] + sv[i * ss] * Math.tan(Math.PI * (rng.nextOpenUnit() - 0.5));
        return Rng.result(out, Rng.anyContainer(mu, sigma));
    }
}
