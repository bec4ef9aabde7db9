package org.elbo4j.vae;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;
import org.elbo4j.tensor.blas.VectorMath;

/**
 * The fused ops of the SGVB estimator, one tape node each with closed-form partials (Stan Math's style). Rows:
 * the encoder gives μ, log σ² of shape [B, J] for a minibatch of B datapoints; L draws per datapoint make
 * R = L·B rows, row r = l·B + i belonging to datapoint i = r mod B. Symbols follow Kingma &amp; Welling (2013):
 * J latent dimensions, D data dimensions.
 */
final class VaeKernels {
    private VaeKernels() {}

    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * The reparameterization z<sup>(i,l)</sup> = μ<sup>(i)</sup> + σ<sup>(i)</sup> ⊙ ε<sup>(l)</sup>,
     * σ = exp(½ log σ²) (the paper's eq. 10). ∂z/∂μ = 1, ∂z/∂log σ² = ½ σ ε.
     *
     * @param loc    μ [B, J]. Not modified.
     * @param logVar log σ² [B, J]. Not modified.
     * @param eps    ε, L·B·J standard normal draws, row-major [L·B, J]; ownership passes to the op
     * @return z [L·B, J]
     */
    static Tensor reparameterize(Tensor loc, Tensor logVar, double[] eps, int samples) {
        int b = loc.dim(0), j = loc.dim(1), n = b * j;
        double[] mu = TensorData.readOnly(loc), lv = TensorData.readOnly(logVar);
        double[] sigma = new double[n];
        for (int q = 0; q < n; q++) sigma[q] = Math.exp(0.5 * lv[q]);
        double[] z = new double[samples * n];
        for (int l = 0; l < samples; l++) {
            int o = l * n;
            for (int q = 0; q < n; q++) z[o + q] = mu[q] + sigma[q] * eps[o + q];
        }
        return Tensor.custom(
                "reparameterize",
                Shape.of(samples * b, j),
                z,
                (g, adj) -> {
                    double[] gm = adj.of(loc), gv = adj.of(logVar);
                    for (int l = 0; l < samples; l++) {
                        int o = l * n;
                        if (gm != null) for (int q = 0; q < n; q++) gm[q] += g[o + q];
                        if (gv != null) for (int q = 0; q < n; q++) gv[q] += 0.5 * g[o + q] * sigma[q] * eps[o + q];
                    }
                },
                loc,
                logVar);
    }

    /**
     * KL(q(z|x<sup>(i)</sup>) ‖ N(0, I)) = −½ Σ<sub>j</sub> (1 + log σ<sub>j</sub>² − μ<sub>j</sub>² − σ<sub>j</sub>²)
     * per datapoint (the paper's appendix B). ∂/∂μ = μ, ∂/∂log σ² = ½(σ² − 1).
     *
     * @return [B]
     */
    static Tensor klToStandardNormal(Tensor loc, Tensor logVar) {
        int b = loc.dim(0), j = loc.dim(1);
        double[] mu = TensorData.readOnly(loc), lv = TensorData.readOnly(logVar);
        double[] kl = new double[b];
        for (int i = 0; i < b; i++) {
            double s = 0;
            for (int q = i * j, e = q + j; q < e; q++) s += 1 + lv[q] - mu[q] * mu[q] - Math.exp(lv[q]);
            kl[i] = -0.5 * s;
        }
        return Tensor.custom(
                "klToStandardNormal",
                Shape.of(b),
                kl,
                (g, adj) -> {
                    double[] gm = adj.of(loc), gv = adj.of(logVar);
                    for (int i = 0; i < b; i++) {
                        double gi = g[i];
                        for (int q = i * j, e = q + j; q < e; q++) {
                            if (gm != null) gm[q] += gi * mu[q];
                            if (gv != null) gv[q] += gi * 0.5 * (Math.exp(lv[q]) - 1);
                        }
                    }
                },
                loc,
                logVar);
    }

    /**
     * log q(z|x) − log p(z) for the draws z (the sampled KL of estimator A), per row:
     * Σ<sub>j</sub> [−½ (z<sub>j</sub> − μ<sub>j</sub>)² e^{−log σ<sub>j</sub>²} − ½ log σ<sub>j</sub>² + ½ z<sub>j</sub>²]
     * (the ½ log 2π terms cancel). With d = z − μ, w = e^{−log σ²}: ∂/∂z = −d w + z, ∂/∂μ = d w,
     * ∂/∂log σ² = ½ d² w − ½.
     *
     * @param z [L·B, J]; loc, logVar [B, J]
     * @return [L·B]
     */
    static Tensor logQMinusLogPrior(Tensor z, Tensor loc, Tensor logVar) {
        int b = loc.dim(0), j = loc.dim(1), rows = z.dim(0);
        double[] zv = TensorData.readOnly(z), mu = TensorData.readOnly(loc), lv = TensorData.readOnly(logVar);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            int zo = r * j, po = (r % b) * j;
            double s = 0;
            for (int q = 0; q < j; q++) {
                double d = zv[zo + q] - mu[po + q], l = lv[po + q], zq = zv[zo + q];
                s += -0.5 * d * d * Math.exp(-l) - 0.5 * l + 0.5 * zq * zq;
            }
            out[r] = s;
        }
        return Tensor.custom(
                "logQMinusLogPrior",
                Shape.of(rows),
                out,
                (g, adj) -> {
                    double[] gz = adj.of(z), gm = adj.of(loc), gv = adj.of(logVar);
                    for (int r = 0; r < rows; r++) {
                        int zo = r * j, po = (r % b) * j;
                        double gr = g[r];
                        for (int q = 0; q < j; q++) {
                            double d = zv[zo + q] - mu[po + q], w = Math.exp(-lv[po + q]);
                            if (gz != null) gz[zo + q] += gr * (zv[zo + q] - d * w);
                            if (gm != null) gm[po + q] += gr * d * w;
                            if (gv != null) gv[po + q] += gr * (0.5 * d * d * w - 0.5);
                        }
                    }
                },
                z,
                loc,
                logVar);
    }

    /**
     * Bernoulli log-likelihood with logits ℓ, per row: Σ<sub>d</sub> x<sub>d</sub> ℓ<sub>d</sub> − softplus(ℓ<sub>d</sub>)
     * (the paper's appendix C.1, written in logits: no log 0). ∂/∂ℓ = x − σ(ℓ). One exp and one log1p per element
     * ({@link VectorMath#bernoulliLogits}, vectorized): e = e^{−|ℓ|} gives softplus(ℓ) = max(ℓ, 0) + log1p(e) and σ(ℓ).
     *
     * @param logits [L·B, D]. Not modified.
     * @param x      [B, D], row r of the logits pairs with row r mod B; data (no gradient). Not modified.
     * @return [L·B]
     */
    static Tensor bernoulliLogLikelihood(Tensor logits, Tensor x) {
        int rows = logits.dim(0), d = logits.dim(1), b = x.dim(0);
        double[] lv = TensorData.readOnly(logits), xv = TensorData.readOnly(x);
        boolean grad = logits.requiresGrad();
        double[] dl = grad ? new double[rows * d] : null;
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) out[r] = VectorMath.bernoulliLogits(d, lv, r * d, xv, (r % b) * d, dl, r * d);
        return Tensor.custom(
                "bernoulliLogLikelihood",
                Shape.of(rows),
                out,
                (g, adj) -> {
                    double[] gl = adj.of(logits);
                    for (int r = 0; r < rows; r++) {
                        double gr = g[r];
                        for (int q = r * d, e = q + d; q < e; q++) gl[q] += gr * dl[q];
                    }
                },
                logits);
    }

    /**
     * Gaussian log-likelihood per row: Σ<sub>d</sub> −½ log 2π − ½ log σ<sub>d</sub>² − ½ (x<sub>d</sub> − μ<sub>d</sub>)²
     * e^{−log σ<sub>d</sub>²} (the paper's appendix C.2). With u = x − μ, w = e^{−log σ²}: ∂/∂μ = u w,
     * ∂/∂log σ² = ½ u² w − ½.
     *
     * @param loc, logVar [L·B, D]; x [B, D] (data)
     * @return [L·B]
     */
    static Tensor gaussianLogLikelihood(Tensor loc, Tensor logVar, Tensor x) {
        int rows = loc.dim(0), d = loc.dim(1), b = x.dim(0);
        double[] mv = TensorData.readOnly(loc), lv = TensorData.readOnly(logVar), xv = TensorData.readOnly(x);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * d, xo = (r % b) * d;
            double s = 0;
            for (int q = 0; q < d; q++) {
                double u = xv[xo + q] - mv[o + q];
                s += -HALF_LOG_2PI - 0.5 * lv[o + q] - 0.5 * u * u * Math.exp(-lv[o + q]);
            }
            out[r] = s;
        }
        return Tensor.custom(
                "gaussianLogLikelihood",
                Shape.of(rows),
                out,
                (g, adj) -> {
                    double[] gm = adj.of(loc), gv = adj.of(logVar);
                    for (int r = 0; r < rows; r++) {
                        int o = r * d, xo = (r % b) * d;
                        double gr = g[r];
                        for (int q = 0; q < d; q++) {
                            double u = xv[xo + q] - mv[o + q], w = Math.exp(-lv[o + q]);
                            if (gm != null) gm[o + q] += gr * u * w;
                            if (gv != null) gv[o + q] += gr * (0.5 * u * u * w - 0.5);
                        }
                    }
                },
                loc,
                logVar);
    }
}
