package org.elbo4j.infer;

import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.optim.Lbfgs;
import org.elbo4j.tensor.Tensor;

/**
 * The Laplace approximation of a model's posterior on the unconstrained scale: the mode ζ̂ of
 * log p(x, T(ζ)) + log|det J_T(ζ)| ({@link AutoGuide#logDensity}) found by {@link Lbfgs}, and the precision
 * H = −∇² log p at ζ̂ by central differences of the autodiff gradient,
 * \[ H_{\cdot j} \approx -\frac{\nabla \log p(\hat\zeta + h_j e_j) - \nabla \log p(\hat\zeta - h_j e_j)}{2 h_j},
 *    \quad h_j = 10^{-5}\max(1, |\hat\zeta_j|), \]
 * symmetrised. p(ζ | x) ≈ N(ζ̂, H⁻¹). Because the mode includes the Jacobian, it is the mode of the density
 * ADVI's Gaussian approximates, and N(ζ̂, H⁻¹) is a natural start for it: {@code scaleTril()} (Cholesky factor
 * of H⁻¹) for a full-rank guide, {@code conditionalScales()} (1/√H_ii, the optimal mean-field scales when the
 * posterior is Gaussian) for a mean-field one, with {@link AutoGuide#precondition}.
 *
 * <pre>{@code
 * AutoGuide guide = AutoGuide.fullRank(model);
 * LaplaceApproximation.Result lap = LaplaceApproximation.fit(guide);
 * if (lap.positiveDefinite()) guide.precondition(lap.mode(), lap.scaleTril());
 * }</pre>
 *
 * <blockquote>L. Tierney and J. B. Kadane, "Accurate approximations for posterior moments and marginal
 * densities", JASA 81, 1986. Stan Development Team, "Stan Reference Manual", "Laplace approximation".</blockquote>
 */
public final class LaplaceApproximation {
    private LaplaceApproximation() {}

    /**
     * The approximation.
     *
     * @param mode        ζ̂, shape [D]
     * @param logDensity  log p(x, T(ζ̂)) + log|det J| (up to the model's constants)
     * @param precision   H, shape [D, D], symmetric; positive definite at a strict local maximum
     * @param converged   the mode search met a tolerance (not its iteration limit)
     * @param reason      why the search stopped
     * @param iterations  L-BFGS iterations
     * @param gradientEvaluations gradients of the log density computed (mode search and Hessian)
     */
    public record Result(
            Tensor mode,
            double logDensity,
            Tensor precision,
            boolean converged,
            String reason,
            int iterations,
            long gradientEvaluations) {
        /** True when H is positive definite (its Cholesky factorisation succeeds). */
        public boolean positiveDefinite() {
            try {
                precision.cholesky();
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /**
         * H⁻¹, shape [D, D].
         *
         * @throws IllegalArgumentException if H is not positive definite
         */
        public Tensor covariance() {
            Tensor r = precision.cholesky(); // H = R Rᵀ
            Tensor rInv = r.solveTriangular(Tensor.eye(r.dim(0)), true, false);
            Tensor c = rInv.transpose().matmul(rInv);
            return c.add(c.transpose()).mul(0.5);
        }

        /**
         * The lower Cholesky factor of H⁻¹, shape [D, D].
         *
         * @throws IllegalArgumentException if H is not positive definite
         */
        public Tensor scaleTril() {
            return covariance().cholesky();
        }

        /**
         * 1/√H_ii, shape [D]: each coordinate's sd given the others (the mean-field Gaussian's optimal scales when
         * the posterior is Gaussian).
         *
         * @throws IllegalArgumentException if a diagonal entry of H is not > 0
         */
        public Tensor conditionalScales() {
            int d = precision.dim(0);
            double[] s = new double[d];
            for (int i = 0; i < d; i++) {
                double h = precision.get(i, i);
                if (!(h > 0))
                    throw new IllegalArgumentException(
                            "LaplaceApproximation: H[" + i + ", " + i + "] = " + h + " is not > 0");
                s[i] = 1 / Math.sqrt(h);
            }
            return Tensor.of(s);
        }
    }

    /** From ζ = 0 (the centre of Stan's initialisation), at most 1000 iterations. */
    public static Result fit(AutoGuide guide) {
        return fit(guide, Tensor.zeros(guide.dim()), 1000);
    }

    /**
     * @param start         ζ₀, shape [D]
     * @param maxIterations of the mode search
     * @throws IllegalArgumentException if the start has the wrong shape, or the log density or its gradient is
     *                                  not finite there
     */
    public static Result fit(AutoGuide guide, Tensor start, int maxIterations) {
        int d = guide.dim();
        if (!start.shape().equals(org.elbo4j.tensor.Shape.of(d))) {
            throw new IllegalArgumentException(
                    "LaplaceApproximation: start must have shape [" + d + "], got " + start.shape());
        }
        Lbfgs.Objective negLogP = (x, g) -> {
            try {
                ValueAndGrad vg = Autodiff.valueAndGrad(List.of(Tensor.of(x)), p -> guide.logDensity(p.get(0)));
                double[] gr = vg.gradient(0).toArray();
                for (int i = 0; i < d; i++) g[i] = -gr[i];
                return -vg.valueAsDouble();
            } catch (RuntimeException e) { // a point where the model is undefined (overflow): outside the domain
                java.util.Arrays.fill(g, Double.NaN);
                return Double.NaN;
            }
        };
        double[] x0 = start.toArray();
        double f0 = negLogP.valueAndGradient(x0, new double[d]);
        if (!Double.isFinite(f0)) {
            Tensor lp = guide.logDensity(start); // rethrows the model's own error, if it had one
            throw new IllegalArgumentException("LaplaceApproximation: the log density at the start is " + lp.item());
        }
        Lbfgs.Result r = Lbfgs.of()
                .memory(Math.max(10, Math.min(d, 100)))
                .maxIterations(maxIterations)
                .minimize(negLogP, x0);
        double[] mode = r.x();
        double[] h = new double[d * d], gp = new double[d], gm = new double[d];
        for (int j = 0; j < d; j++) {
            double step = 1e-5 * Math.max(1, Math.abs(mode[j]));
            double[] xp = mode.clone(), xm = mode.clone();
            xp[j] += step;
            xm[j] -= step;
            negLogP.valueAndGradient(xp, gp);
            negLogP.valueAndGradient(xm, gm);
            for (int i = 0; i < d; i++) h[i * d + j] = (gp[i] - gm[i]) / (2 * step);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (h[i * d + j] + h[j * d + i]);
                h[i * d + j] = v;
                h[j * d + i] = v;
            }
        }
        return new Result(
                Tensor.of(mode),
                -r.value(),
                Tensor.of(h, d, d),
                r.converged(),
                r.reason(),
                r.iterations(),
                r.evaluations() + 1L + 2L * d);
    }
}
