package org.elbo4j.stan.transforms;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's constraining transforms with their log-Jacobians, exactly as Stan 2.21's math library computes them
 * (stan/math/prim/{scal,mat}/fun/*_constrain.hpp), over {@link Tensor} so that gradients flow into the
 * unconstrained values and into bounds that depend on parameters; and their inverses ({@code unconstrain*}),
 * which check the constraint as Stan's {@code *_free} functions do.
 *
 * <p>Shapes. Elementwise transforms (lower, upper, lower+upper, offset/multiplier) keep the shape of their input;
 * a bound is a scalar tensor or a tensor of the value's shape, and an infinite bound removes that side of the
 * constraint for that element. Vector and matrix transforms act on the last axis of the unconstrained tensor; the
 * leading axes are an array of independent vectors or matrices ({@code array[N] simplex[K]}: {@code [N, K−1]} in,
 * {@code [N, K]} out). Matrices come out row-major ({@code [..., R, C]}), as in the front end's value
 * representation.
 *
 * <p>Layout. Stan's unconstrained vector holds the parameters in declaration order; within one parameter, arrays
 * are row-major and each vector/matrix is read whole: a matrix (with an elementwise constraint, or none) column by
 * column — {@link #fromStanOrder} and {@link #toStanOrder} convert — while the structured matrix types read their
 * own free-parameter orders, which the transforms here take as they are (see {@link StanConstraint}).
 *
 * <pre>{@code
 * Constrained sigma = StanTransforms.lower(Tensor.scalar(0.3), Tensor.scalar(0));   // exp(0.3), log|J| = 0.3
 * Constrained theta = StanTransforms.simplex(Tensor.of(0.1, -0.2));                  // a 3-simplex
 * double[] back = StanTransforms.unconstrainSimplex(theta.value());                 // {0.1, -0.2}
 * }</pre>
 */
public final class StanTransforms {
    private StanTransforms() {}

    /** {@code <lower=lb>}: y = lb + exp(x), log|J| = Σ x (identity where lb = −inf). */
    public static Constrained lower(Tensor x, Tensor lb) {
        return Elementwise.lower(x, lb);
    }

    /** {@code <upper=ub>}: y = ub − exp(x), log|J| = Σ x (identity where ub = +inf). */
    public static Constrained upper(Tensor x, Tensor ub) {
        return Elementwise.upper(x, ub);
    }

    /**
     * {@code <lower=lb, upper=ub>}: y = lb + (ub − lb)·inv_logit(x), log|J| = Σ log(ub − lb) − |x| − 2·log1p(e^−|x|),
     * with Stan 2.21's guards (inv_logit kept within 1e−15 of 0 and 1); falls back to lower/upper/identity where a
     * bound is infinite.
     *
     * @throws ConstraintViolationException if lb ≥ ub for some element
     */
    public static Constrained lowerUpper(Tensor x, Tensor lb, Tensor ub) {
        return Elementwise.lowerUpper(x, lb, ub);
    }

    /**
     * {@code <offset=mu, multiplier=sigma>}: y = mu + sigma·x, log|J| = Σ log sigma. Pass {@code Tensor.scalar(0)} /
     * {@code Tensor.scalar(1)} for an absent offset / multiplier.
     *
     * @throws ConstraintViolationException if an offset is not finite or a multiplier not positive finite
     */
    public static Constrained offsetMultiplier(Tensor x, Tensor offset, Tensor multiplier) {
        return Elementwise.offsetMultiplier(x, offset, multiplier);
    }

    /** {@code simplex[K]}: Stan's stick-breaking from K−1 values (last axis), with its log(K−1−k) centring. */
    public static Constrained simplex(Tensor y) {
        return VectorTransforms.simplex(y);
    }

    /**
     * {@code unit_vector[K]}: x = y/‖y‖; log|J| here is Stan's −½‖y‖², which Stan adds to the density so that the
     * unconstrained distribution is proper (it is not a Jacobian determinant).
     *
     * @throws ConstraintViolationException if ‖y‖ is 0 or not finite
     */
    public static Constrained unitVector(Tensor y) {
        return VectorTransforms.unitVector(y);
    }

    /** {@code ordered[K]}: x₀ = y₀, x_k = x_{k−1} + exp(y_k); log|J| = Σ_{k≥1} y_k. */
    public static Constrained ordered(Tensor y) {
        return VectorTransforms.ordered(y, false);
    }

    /** {@code positive_ordered[K]}: x₀ = exp(y₀), x_k = x_{k−1} + exp(y_k); log|J| = Σ y_k. */
    public static Constrained positiveOrdered(Tensor y) {
        return VectorTransforms.ordered(y, true);
    }

    /**
     * {@code cholesky_factor_corr[K]}: K(K−1)/2 values (last axis), tanh'd to canonical partial correlations read
     * row by row of the strict lower triangle; log|J| = Σ log(1 − z²) + Σ_{i, j≥1} ½·log(1 − Σ_{k&lt;j} L(i,k)²).
     */
    public static Constrained choleskyFactorCorr(Tensor y, int k) {
        return MatrixTransforms.correlation(y, k, true);
    }

    /**
     * {@code cholesky_factor_cov[M, N]}: N(N+1)/2 + (M−N)·N values filling the lower trapezoid row by row, the
     * diagonal exp'd; log|J| = Σ diagonal values.
     */
    public static Constrained choleskyFactorCov(Tensor y, int m, int n) {
        return MatrixTransforms.choleskyFactorCov(y, m, n);
    }

    /**
     * {@code corr_matrix[K]}: K(K−1)/2 values, tanh'd to CPCs read column by column (Stan's read_corr_L), Ω = L·Lᵀ;
     * log|J| = Σ log(1 − z²) + ½·Σ_col (K − col − 2)·log(1 − z²) (col 0-based).
     */
    public static Constrained corrMatrix(Tensor y, int k) {
        return MatrixTransforms.correlation(y, k, false);
    }

    /**
     * {@code cov_matrix[K]}: K + K(K−1)/2 values filling L row by row (exp on the diagonal), Σ = L·Lᵀ;
     * log|J| = K·log 2 + Σ_k (K − k + 1)·log L(k,k), k 0-based (Stan's own construction).
     */
    public static Constrained covMatrix(Tensor y, int k) {
        return MatrixTransforms.covMatrix(y, k);
    }

    // ------------------------------------------------------------------ inverses (Stan's *_free)

    /** Inverse of {@link #lower}: log(y − lb). @throws ConstraintViolationException if y &lt; lb */
    public static double[] unconstrainLower(Tensor y, Tensor lb) {
        return Elementwise.unconstrainLower(y, lb);
    }

    /** Inverse of {@link #upper}: log(ub − y). @throws ConstraintViolationException if y > ub */
    public static double[] unconstrainUpper(Tensor y, Tensor ub) {
        return Elementwise.unconstrainUpper(y, ub);
    }

    /** Inverse of {@link #lowerUpper}: logit((y − lb)/(ub − lb)). @throws ConstraintViolationException outside [lb, ub] */
    public static double[] unconstrainLowerUpper(Tensor y, Tensor lb, Tensor ub) {
        return Elementwise.unconstrainLowerUpper(y, lb, ub);
    }

    /** Inverse of {@link #offsetMultiplier}: (y − offset)/multiplier. */
    public static double[] unconstrainOffsetMultiplier(Tensor y, Tensor offset, Tensor multiplier) {
        return Elementwise.unconstrainOffsetMultiplier(y, offset, multiplier);
    }

    /** Inverse of {@link #simplex}. @throws ConstraintViolationException if not a simplex within 1e−8 */
    public static double[] unconstrainSimplex(Tensor x) {
        return VectorTransforms.unconstrainSimplex(x);
    }

    /** Inverse of {@link #unitVector} (the vector itself). @throws ConstraintViolationException if ‖x‖² ≠ 1 within 1e−8 */
    public static double[] unconstrainUnitVector(Tensor x) {
        return VectorTransforms.unconstrainUnitVector(x);
    }

    /** Inverse of {@link #ordered}. @throws ConstraintViolationException if not strictly increasing */
    public static double[] unconstrainOrdered(Tensor x) {
        return VectorTransforms.unconstrainOrdered(x, false);
    }

    /** Inverse of {@link #positiveOrdered}. @throws ConstraintViolationException if not positive and increasing */
    public static double[] unconstrainPositiveOrdered(Tensor x) {
        return VectorTransforms.unconstrainOrdered(x, true);
    }

    /** Inverse of {@link #choleskyFactorCorr}. @throws ConstraintViolationException if not such a factor */
    public static double[] unconstrainCholeskyFactorCorr(Tensor x) {
        return MatrixTransforms.unconstrainCholeskyFactorCorr(x);
    }

    /** Inverse of {@link #choleskyFactorCov}. @throws ConstraintViolationException if not lower trapezoidal, diagonal > 0 */
    public static double[] unconstrainCholeskyFactorCov(Tensor x) {
        return MatrixTransforms.unconstrainCholeskyFactorCov(x);
    }

    /** Inverse of {@link #corrMatrix}. @throws ConstraintViolationException if not a correlation matrix */
    public static double[] unconstrainCorrMatrix(Tensor x) {
        return MatrixTransforms.unconstrainCorrMatrix(x);
    }

    /** Inverse of {@link #covMatrix}. @throws ConstraintViolationException if not symmetric positive definite */
    public static double[] unconstrainCovMatrix(Tensor x) {
        return MatrixTransforms.unconstrainCovMatrix(x);
    }

    // ------------------------------------------------------------------ layout

    /**
     * Stan's order of a matrix-typed parameter with an elementwise constraint (or none) — each matrix column by
     * column, arrays of matrices row-major — to the row-major representation: {@code flat} holds the parameter's
     * unconstrained values in Stan's order, {@code dims} is the full shape {@code [arrayDims..., R, C]}.
     * Differentiable (a gather).
     */
    public static Tensor fromStanOrder(Tensor flat, int... dims) {
        return flat.reshape(flat.size()).gather(stanOrderPermutation(dims)).reshape(dims);
    }

    /** The inverse of {@link #fromStanOrder}: row-major values of shape {@code dims} to Stan's order. */
    public static double[] toStanOrder(double[] rowMajor, int... dims) {
        int[] perm = stanOrderPermutation(dims);
        double[] out = new double[rowMajor.length];
        for (int i = 0; i < perm.length; i++) out[perm[i]] = rowMajor[i];
        return out;
    }

    /** perm[rowMajorIndex] = index in Stan's order, for a shape whose last two axes are a matrix. */
    static int[] stanOrderPermutation(int... dims) {
        int size = Shape.of(dims).size();
        if (dims.length < 2) {
            int[] id = new int[size];
            for (int i = 0; i < size; i++) id[i] = i;
            return id;
        }
        int r = dims[dims.length - 2], c = dims[dims.length - 1], m = r * c;
        int[] perm = new int[size];
        for (int e = 0; m > 0 && e < size / m; e++) {
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) perm[e * m + i * c + j] = e * m + j * r + i;
            }
        }
        return perm;
    }
}
