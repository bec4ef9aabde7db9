package org.elbo4j.stan.functions;

import org.elbo4j.math.Special;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code logistic} and {@code double_exponential} (Laplace), z = (y − μ)/σ:
 * \[ \log \mathrm{Logistic}(y \mid \mu, \sigma) = -z - \log\sigma - 2\log(1 + e^{-z}), \]
 * \[ \log \mathrm{DoubleExponential}(y \mid \mu, \sigma) = -\log 2 - \log\sigma - |z|. \]
 */
public final class Logistics {
    private Logistics() {}

    private static final double LOG2 = Math.log(2);

    /**
     * {@code logistic_lpdf(y | mu, sigma)}, one tape node.
     *
     * @throws StanDomainException if y or mu is not finite, sigma not positive finite, or sizes differ
     */
    public static Tensor logisticLpdf(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "logistic_lpdf";
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        if (y.size() == 0 || mu.size() == 0 || sigma.size() == 0) return Tensor.scalar(0);
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], z = (yv[i * ys] - mv[i * ms]) / s;
            lp += -z - Math.log(s) - 2 * Special.log1pexp(-z);
            double dz = 1 - 2 * Special.sigmoid(z);
            if (dy != null) dy[i * ys] += dz / s;
            if (dm != null) dm[i * ms] -= dz / s;
            if (ds != null) ds[i * ss] += (-1 - z * dz) / s;
        }
        return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
    }

    /** {@code logistic_rng(mu, sigma)}: μ + σ logit(u). */
    public static Tensor logisticRng(RandomStream rng, Tensor mu, Tensor sigma) {
        String fn = "logistic_rng";
        int n = Check.size(fn, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextOpenUnit();
            out[i] = mv[i * ms] + sv[i * ss] * Math.log(u / (1 - u));
        }
        return Rng.result(out, Rng.anyContainer(mu, sigma));
    }

    /**
     * {@code double_exponential_lpdf(y | mu, sigma)}, one tape node; the derivative of |z| at 0 is taken as 0.
     *
     * @throws StanDomainException if y or mu is not finite, sigma not positive finite, or sizes differ
     */
    public static Tensor doubleExponentialLpdf(Tensor y, Tensor mu, Tensor sigma) {
        String fn = "double_exponential_lpdf";
        int n = Check.size(fn, "Random variable", y, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Random variable", y);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        if (y.size() == 0 || mu.size() == 0 || sigma.size() == 0) return Tensor.scalar(0);
        double[] yv = TensorData.readOnly(y), mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ys = Fused.stride(y), ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] dy = Fused.partials(y), dm = Fused.partials(mu), ds = Fused.partials(sigma);
        double lp = -n * LOG2;
        for (int i = 0; i < n; i++) {
            double s = sv[i * ss], r = yv[i * ys] - mv[i * ms];
            lp -= Math.log(s) + Math.abs(r) / s;
            double sign = Math.signum(r);
            if (dy != null) dy[i * ys] -= sign / s;
            if (dm != null) dm[i * ms] += sign / s;
            if (ds != null) ds[i * ss] += (Math.abs(r) / s - 1) / s;
        }
        return Fused.scalar(fn, lp, y, dy, mu, dm, sigma, ds);
    }

    /** {@code double_exponential_rng(mu, sigma)}: μ ± σ·E. */
    public static Tensor doubleExponentialRng(RandomStream rng, Tensor mu, Tensor sigma) {
        String fn = "double_exponential_rng";
        int n = Check.size(fn, "Location parameter", mu, "Scale parameter", sigma);
        Check.finite(fn, "Location parameter", mu);
        Check.positiveFinite(fn, "Scale parameter", sigma);
        double[] mv = TensorData.readOnly(mu), sv = TensorData.readOnly(sigma);
        int ms = Fused.stride(mu), ss = Fused.stride(sigma);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double e = -Math.log(rng.nextOpenUnit());
            out[i] = mv[i * ms] + sv[i * ss] * (rng.nextDouble() < 0.5 ? -e : e);
        }
        return Rng.result(out, Rng.anyContainer(mu, sigma));
    }
}
