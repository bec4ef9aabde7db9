package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code gp_exp_quad_cov} (and the deprecated {@code cov_exp_quad}):
 * \[ K_{ij} = \sigma^2 \exp\!\left(-\frac{\lVert x_i - x_j\rVert^2}{2\ell^2}\right). \]
 * One tape node with closed-form partials in σ, ℓ and the points.
 */
public final class GaussianProcesses {
    private GaussianProcesses() {}

    /**
     * {@code gp_exp_quad_cov(x, sigma, l)}: x an array of reals [N] or of vectors [N, D]; returns N×N.
     *
     * @throws StanDomainException if sigma or l is not positive finite, or x is not finite
     */
    public static Tensor gpExpQuadCov(Tensor x, Tensor sigma, Tensor l) {
        return cross("gp_exp_quad_cov", x, x, sigma, l, true);
    }

    /** {@code gp_exp_quad_cov(x1, x2, sigma, l)}: the N1×N2 cross covariance. */
    public static Tensor gpExpQuadCov(Tensor x1, Tensor x2, Tensor sigma, Tensor l) {
        return cross("gp_exp_quad_cov", x1, x2, sigma, l, false);
    }

    private static Tensor cross(String fn, Tensor x1, Tensor x2, Tensor sigma, Tensor l, boolean same) {
        Check.positiveFinite(fn, "magnitude", sigma);
        Check.positiveFinite(fn, "length scale", l);
        Check.finite(fn, "x", x1);
        if (!same) Check.finite(fn, "x2", x2);
        double s = Check.scalar(fn, "magnitude", sigma), ell = Check.scalar(fn, "length scale", l);
        int n1 = x1.rank() == 0 ? 1 : x1.dim(0), n2 = x2.rank() == 0 ? 1 : x2.dim(0);
        int d = x1.rank() == 2 ? x1.dim(1) : 1;
        if ((x2.rank() == 2 ? x2.dim(1) : 1) != d) {
            throw new StanDomainException(fn + ": dimensions of x1 (" + d + ") and x2 must match");
        }
        double[] a = TensorData.readOnly(x1), b = TensorData.readOnly(x2);
        double s2 = s * s, inv = 1 / (ell * ell);
        double[] k = new double[n1 * n2], sq = new double[n1 * n2];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                double r2 = 0;
                for (int c = 0; c < d; c++) {
                    double diff = a[i * d + c] - b[j * d + c];
                    r2 += diff * diff;
                }
                sq[i * n2 + j] = r2;
                k[i * n2 + j] = s2 * Math.exp(-0.5 * r2 * inv);
            }
        }
        Shape shape = Shape.of(n1, n2);
        return Tensor.custom(
                fn,
                shape,
                k,
                (g, adj) -> {
                    double[] gs = adj.of(sigma), gl = adj.of(l), ga = adj.of(x1), gb = same ? null : adj.of(x2);
                    double accS = 0, accL = 0;
                    for (int i = 0; i < n1; i++) {
                        for (int j = 0; j < n2; j++) {
                            int p = i * n2 + j;
                            double gk = g[p] * k[p];
                            accS += gk;
                            accL += gk * sq[p];
                            if (ga != null || gb != null) {
                                for (int c = 0; c < d; c++) {
                                    double diff = a[i * d + c] - b[j * d + c], v = -gk * diff * inv;
                                    if (ga != null) ga[i * d + c] += v;
                                    if (same && ga != null) ga[j * d + c] -= v;
                                    if (gb != null) gb[j * d + c] -= v;
                                }
                            }
                        }
                    }
                    if (gs != null) gs[0] += 2 * accS / s;
                    if (gl != null) gl[0] += accL * inv / ell;
                },
                x1,
                x2,
                sigma,
                l);
    }
}
