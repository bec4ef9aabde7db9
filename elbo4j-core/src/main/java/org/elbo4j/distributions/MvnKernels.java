package org.elbo4j.distributions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Fused kernels of the Gaussian families with closed-form backward rules, on flattened layouts: B lower-triangular
 * factors {@code L} of shape [B, d, d] and vectors of shape [S, B, d] (S draws of each of the B batch members).
 * Only the lower triangle of L is read, and only its adjoint is written (the upper triangle is not a parameter;
 * writing it would also corrupt the Cholesky backward rule upstream).
 */
final class MvnKernels {
    private MvnKernels() {}

    /** z[s,b] = L_b·x[s,b]: [B,d,d] × [S,B,d] → [S,B,d]. ∂L_b += Σ_s ḡ xᵀ (lower part), ∂x += L_bᵀ ḡ. */
    static Tensor trilMatVec(Tensor L, Tensor x) {
        int nb = L.dim(0), d = L.dim(1), ns = x.dim(0);
        double[] z = new double[ns * nb * d];
        for (int s = 0; s < ns; s++) {
            for (int b = 0; b < nb; b++) {
                int lo = b * d * d, xo = (s * nb + b) * d;
                for (int i = 0; i < d; i++) {
                    double v = 0;
                    for (int j = 0; j <= i; j++) v += L.at(lo + i * d + j) * x.at(xo + j);
                    z[xo + i] = v;
                }
            }
        }
        return Tensor.custom(
                "trilMatVec",
                x.shape(),
                z,
                (g, adj) -> {
                    double[] gl = adj.of(L), gx = adj.of(x);
                    for (int s = 0; s < ns; s++) {
                        for (int b = 0; b < nb; b++) {
                            int lo = b * d * d, xo = (s * nb + b) * d;
                            for (int i = 0; i < d; i++) {
                                double gi = g[xo + i];
                                for (int j = 0; j <= i; j++) {
                                    if (gl != null) gl[lo + i * d + j] += gi * x.at(xo + j);
                                    if (gx != null) gx[xo + j] += gi * L.at(lo + i * d + j);
                                }
                            }
                        }
                    }
                },
                L,
                x);
    }

    /**
     * m[s,b] = ‖L_b⁻¹ δ[s,b]‖²: [B,d,d] × [S,B,d] → [S,B], by forward substitution. With y = L⁻¹δ and
     * w = L⁻ᵀy: ∂δ += 2ḡw, ∂L += −2ḡ·w yᵀ (lower part).
     */
    static Tensor mahalanobis(Tensor L, Tensor delta) {
        int nb = L.dim(0), d = L.dim(1), ns = delta.dim(0);
        double[] y = new double[ns * nb * d], m = new double[ns * nb];
        for (int s = 0; s < ns; s++) {
            for (int b = 0; b < nb; b++) {
                int lo = b * d * d, o = (s * nb + b) * d;
                double acc = 0;
                for (int i = 0; i < d; i++) {
                    double v = delta.at(o + i);
                    for (int j = 0; j < i; j++) v -= L.at(lo + i * d + j) * y[o + j];
                    v /= L.at(lo + i * d + i);
                    y[o + i] = v;
                    acc += v * v;
                }
                m[s * nb + b] = acc;
            }
        }
        return Tensor.custom(
                "mahalanobis",
                Shape.of(ns, nb),
                m,
                (g, adj) -> {
                    double[] gl = adj.of(L), gd = adj.of(delta), w = new double[d];
                    for (int s = 0; s < ns; s++) {
                        for (int b = 0; b < nb; b++) {
                            int lo = b * d * d, o = (s * nb + b) * d;
                            double gs = g[s * nb + b];
                            for (int i = d - 1; i >= 0; i--) { // w = L⁻ᵀ y, back substitution
                                double v = y[o + i];
                                for (int k = i + 1; k < d; k++) v -= L.at(lo + k * d + i) * w[k];
                                w[i] = v / L.at(lo + i * d + i);
                            }
                            for (int i = 0; i < d; i++) {
                                if (gd != null) gd[o + i] += 2 * gs * w[i];
                                if (gl != null)
                                    for (int j = 0; j <= i; j++) gl[lo + i * d + j] -= 2 * gs * w[i] * y[o + j];
                            }
                        }
                    }
                },
                L,
                delta);
    }

    /** Σ_i log L_b,ii: [B,d,d] → [B]; ∂L_b,ii += ḡ/L_b,ii. */
    static Tensor logDiag(Tensor L) {
        int nb = L.dim(0), d = L.dim(1);
        double[] out = new double[nb];
        for (int b = 0; b < nb; b++) for (int i = 0; i < d; i++) out[b] += Math.log(L.at(b * d * d + i * d + i));
        return Tensor.custom(
                "logDiag",
                Shape.of(nb),
                out,
                (g, adj) -> {
                    double[] gl = adj.of(L);
                    for (int b = 0; b < nb; b++)
                        for (int i = 0; i < d; i++) {
                            int k = b * d * d + i * d + i;
                            gl[k] += g[b] / L.at(k);
                        }
                },
                L);
    }

    /** Swaps the first two axes of a rank-3 tensor: [a, b, c] → [b, a, c]. */
    static Tensor swap01(Tensor x) {
        int na = x.dim(0), nb = x.dim(1), nc = x.dim(2);
        double[] y = new double[x.size()];
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++) {
                for (int k = 0; k < nc; k++) y[(j * na + i) * nc + k] = x.at((i * nb + j) * nc + k);
            }
        return Tensor.custom(
                "swap01",
                Shape.of(nb, na, nc),
                y,
                (g, adj) -> {
                    double[] gx = adj.of(x);
                    for (int i = 0; i < na; i++)
                        for (int j = 0; j < nb; j++)
                            for (int k = 0; k < nc; k++) {
                                gx[(i * nb + j) * nc + k] += g[(j * na + i) * nc + k];
                            }
                },
                x);
    }
}
