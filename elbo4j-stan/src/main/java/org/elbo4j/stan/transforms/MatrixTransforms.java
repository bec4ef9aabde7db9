package org.elbo4j.stan.transforms;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's matrix transforms (cholesky_factor_corr, cholesky_factor_cov, corr_matrix, cov_matrix), each over the last
 * axis of the unconstrained tensor (leading axes: an array of matrices), producing row-major {@code [..., R, C]}
 * values. One fused tape node for the values and one for log|J|, with hand-written backward passes.
 *
 * <p>The unconstrained orders are Stan 2.21's: cholesky_factor_corr and cholesky_factor_cov fill the lower
 * triangle row by row; corr_matrix reads its canonical partial correlations (CPCs) column by column
 * (read_corr_L); cov_matrix fills L row by row with exp on the diagonal and returns L·Lᵀ.
 */
final class MatrixTransforms {
    private MatrixTransforms() {}

    static final double TOLERANCE = VectorTransforms.TOLERANCE;

    private static int events(String op, Tensor y, int free) {
        int n = VectorTransforms.lastDim(op, y);
        if (n != free) {
            throw new IllegalArgumentException(
                    op + ": the unconstrained vector has " + n + " elements, expected " + free);
        }
        return VectorTransforms.batch(y);
    }

    private static Shape matrixShape(Tensor y, int rows, int cols) {
        return y.shape().dropLast(1).append(Shape.of(rows, cols));
    }

    /** Position of CPC (i, j), i > j, in the event's unconstrained vector: row-major or column-major order. */
    private static int cpcIndex(int i, int j, int k, boolean rowMajor) {
        return rowMajor ? i * (i - 1) / 2 + j : j * (k - 1) - j * (j - 1) / 2 + (i - j - 1);
    }

    /**
     * CPCs z (tanh of the unconstrained values) to the Cholesky factor L of a correlation matrix, as Stan's
     * cholesky_corr_constrain: L(i,0) = z, L(i,j) = z·sqrt(1 − Σ_{k<j} L(i,k)²), L(i,i) = sqrt(1 − Σ_{k<i} L(i,k)²).
     * Stores the running sums before each L(i,j), j ≥ 1, in sums[i·K + j]; returns Σ 0.5·log1m(sums) (the log|J|
     * of z ↦ the free entries of L).
     */
    private static double cpcToCholesky(
            double[] z, int zo, int k, boolean rowMajor, double[] l, int lo, double[] sums) {
        if (k == 0) return 0;
        l[lo] = 1;
        double lj = 0;
        for (int i = 1; i < k; i++) {
            double x = z[zo + cpcIndex(i, 0, k, rowMajor)];
            l[lo + i * k] = x;
            double s = x * x;
            for (int j = 1; j < i; j++) {
                sums[i * k + j] = s;
                lj += 0.5 * Math.log1p(-s);
                x = z[zo + cpcIndex(i, j, k, rowMajor)] * Math.sqrt(1.0 - s);
                l[lo + i * k + j] = x;
                s += x * x;
            }
            sums[i * k + i] = s;
            l[lo + i * k + i] = Math.sqrt(1.0 - s);
        }
        return lj;
    }

    /** Reverse pass of {@link #cpcToCholesky}: adjoints gL of L and gLj of its log|J| into gz. */
    private static void cpcToCholeskyBackward(
            double[] z,
            int zo,
            int k,
            boolean rowMajor,
            double[] l,
            int lo,
            double[] sums,
            double[] gl,
            int go,
            double gLj,
            double[] gz) {
        for (int i = 1; i < k; i++) {
            double gs = gl[go + i * k + i] * (-0.5 / l[lo + i * k + i]);
            for (int j = i - 1; j >= 1; j--) {
                double x = l[lo + i * k + j];
                double gx = gl[go + i * k + j] + gs * 2 * x;
                double s = sums[i * k + j], w = Math.sqrt(1.0 - s);
                int p = zo + cpcIndex(i, j, k, rowMajor);
                gz[p] += gx * w;
                gs += gx * z[p] * (-0.5 / w) - gLj * 0.5 / (1 - s);
            }
            double x0 = l[lo + i * k];
            gz[zo + cpcIndex(i, 0, k, rowMajor)] += gl[go + i * k] + gs * 2 * x0;
        }
    }

    // ------------------------------------------------------------------ cholesky_factor_corr, corr_matrix

    /** Stan's cholesky_corr_constrain (rowMajor CPCs) or corr_matrix_constrain (column-major CPCs, then L·Lᵀ). */
    static Constrained correlation(Tensor y, int k, boolean choleskyFactor) {
        String op = choleskyFactor ? "cholesky_corr_constrain" : "corr_matrix_constrain";
        int free = k * (k - 1) / 2, events = events(op, y, free);
        boolean rowMajor = choleskyFactor;
        double[] ys = y.toArray(), z = new double[ys.length], l = new double[events * k * k];
        double[][] sums = new double[events][k * k];
        double lj = 0;
        for (int i = 0; i < ys.length; i++) {
            z[i] = Math.tanh(ys[i]);
            lj += Math.log1p(-z[i] * z[i]); // corr_constrain's log|J|
        }
        for (int e = 0; e < events; e++) {
            double ljL = cpcToCholesky(z, e * free, k, rowMajor, l, e * k * k, sums[e]);
            if (choleskyFactor) {
                lj += ljL;
            } else {
                // read_corr_L's log|J| of the CPCs ↦ the correlations: 0.5·Σ (K − col − 2)·log1m(cpc²), col 0-based
                for (int j = 0; j + 2 < k; j++) {
                    for (int i = j + 1; i < k; i++) {
                        double c = z[e * free + cpcIndex(i, j, k, false)];
                        lj += 0.5 * (k - j - 2) * Math.log1p(-c * c);
                    }
                }
            }
        }
        double[] value = choleskyFactor ? l : lowerTimesTranspose(l, events, k);
        Tensor v = Tensor.custom(
                op,
                matrixShape(y, k, k),
                value,
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    double[] gl = choleskyFactor ? g : lowerTimesTransposeBackward(l, g, events, k);
                    double[] gz = new double[ys.length];
                    for (int e = 0; e < events; e++) {
                        cpcToCholeskyBackward(z, e * free, k, rowMajor, l, e * k * k, sums[e], gl, e * k * k, 0, gz);
                    }
                    for (int i = 0; i < ys.length; i++) a[i] += gz[i] * (1 - z[i] * z[i]);
                },
                y);
        Tensor logJ = Tensor.custom(
                op + "_log_jacobian",
                Shape.SCALAR,
                new double[] {lj},
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    double[] gz = new double[ys.length];
                    if (choleskyFactor) {
                        double[] zeros = new double[events * k * k];
                        for (int e = 0; e < events; e++) {
                            cpcToCholeskyBackward(
                                    z, e * free, k, true, l, e * k * k, sums[e], zeros, e * k * k, g[0], gz);
                        }
                    } else {
                        for (int e = 0; e < events; e++) {
                            for (int j = 0; j + 2 < k; j++) {
                                for (int i = j + 1; i < k; i++) {
                                    int p = e * free + cpcIndex(i, j, k, false);
                                    gz[p] += g[0] * 0.5 * (k - j - 2) * (-2 * z[p] / (1 - z[p] * z[p]));
                                }
                            }
                        }
                    }
                    for (int i = 0; i < ys.length; i++) a[i] += gz[i] * (1 - z[i] * z[i]) - g[0] * 2 * z[i];
                },
                y);
        return new Constrained(v, logJ);
    }

    /** Row-major L·Lᵀ of each K×K lower-triangular event. */
    private static double[] lowerTimesTranspose(double[] l, int events, int k) {
        double[] out = new double[l.length];
        for (int e = 0; e < events; e++) {
            int o = e * k * k;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int c = 0; c <= j; c++) s += l[o + i * k + c] * l[o + j * k + c];
                    out[o + i * k + j] = s;
                    out[o + j * k + i] = s;
                }
            }
        }
        return out;
    }

    /** The adjoint of L (lower triangle) given the adjoint g of Σ = L·Lᵀ: (g + gᵀ)·L. */
    private static double[] lowerTimesTransposeBackward(double[] l, double[] g, int events, int k) {
        double[] gl = new double[l.length];
        for (int e = 0; e < events; e++) {
            int o = e * k * k;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    double s = 0;
                    for (int j = b; j < k; j++) s += (g[o + a * k + j] + g[o + j * k + a]) * l[o + j * k + b];
                    gl[o + a * k + b] = s;
                }
            }
        }
        return gl;
    }

    // ------------------------------------------------------------------ cholesky_factor_cov, cov_matrix

    /** Position of the first element of row m of the lower-trapezoid fill (row-major, rows < n triangular). */
    private static int rowStart(int m, int n) {
        return m < n ? m * (m + 1) / 2 : n * (n + 1) / 2 + (m - n) * n;
    }

    /** Stan's cholesky_factor_constrain: an M×N lower-trapezoidal matrix, diagonal exp'd; log|J| = Σ diagonal y. */
    static Constrained choleskyFactorCov(Tensor y, int m, int n) {
        String op = "cholesky_factor_constrain";
        if (m < n)
            throw new IllegalArgumentException(
                    op + ": cholesky_factor_cov[M, N] needs M >= N, got M = " + m + ", N = " + n);
        int free = n * (n + 1) / 2 + (m - n) * n, events = events(op, y, free);
        double[] ys = y.toArray(), l = new double[events * m * n];
        double lj = 0;
        for (int e = 0; e < events; e++) {
            for (int r = 0; r < m; r++) {
                int p = e * free + rowStart(r, n);
                for (int c = 0; c < Math.min(r + 1, n); c++) {
                    double v = ys[p + c];
                    if (c == r) {
                        l[e * m * n + r * n + c] = Math.exp(v);
                        lj += v;
                    } else {
                        l[e * m * n + r * n + c] = v;
                    }
                }
            }
        }
        Tensor v = Tensor.custom(
                op,
                matrixShape(y, m, n),
                l,
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        for (int r = 0; r < m; r++) {
                            int p = e * free + rowStart(r, n);
                            for (int c = 0; c < Math.min(r + 1, n); c++) {
                                int q = e * m * n + r * n + c;
                                a[p + c] += c == r ? g[q] * l[q] : g[q];
                            }
                        }
                    }
                },
                y);
        Tensor logJ = Tensor.custom(
                op + "_log_jacobian",
                Shape.SCALAR,
                new double[] {lj},
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        for (int r = 0; r < n; r++) a[e * free + rowStart(r, n) + r] += g[0];
                    }
                },
                y);
        return new Constrained(v, logJ);
    }

    /**
     * Stan's cov_matrix_constrain: L filled row by row (exp on the diagonal), Σ = L·Lᵀ,
     * log|J| = K·log 2 + Σ_k (K − k + 1)·log L(k,k), k 0-based (stan/math/prim/mat/fun/cov_matrix_constrain.hpp).
     */
    static Constrained covMatrix(Tensor y, int k) {
        String op = "cov_matrix_constrain";
        int free = k + k * (k - 1) / 2, events = events(op, y, free);
        double[] ys = y.toArray(), l = new double[events * k * k];
        double lj = 0;
        for (int e = 0; e < events; e++) {
            lj += k * Math.log(2);
            for (int r = 0; r < k; r++) {
                int p = e * free + rowStart(r, k);
                for (int c = 0; c < r; c++) l[e * k * k + r * k + c] = ys[p + c];
                double d = Math.exp(ys[p + r]);
                l[e * k * k + r * k + r] = d;
                lj += (k - r + 1) * Math.log(d);
            }
        }
        double[] sigma = lowerTimesTranspose(l, events, k);
        Tensor v = Tensor.custom(
                op,
                matrixShape(y, k, k),
                sigma,
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    double[] gl = lowerTimesTransposeBackward(l, g, events, k);
                    for (int e = 0; e < events; e++) {
                        for (int r = 0; r < k; r++) {
                            int p = e * free + rowStart(r, k);
                            for (int c = 0; c <= r; c++) {
                                int q = e * k * k + r * k + c;
                                a[p + c] += c == r ? gl[q] * l[q] : gl[q];
                            }
                        }
                    }
                },
                y);
        Tensor logJ = Tensor.custom(
                op + "_log_jacobian",
                Shape.SCALAR,
                new double[] {lj},
                (g, adj) -> {
                    double[] a = adj.of(y);
                    if (a == null) return;
                    for (int e = 0; e < events; e++) {
                        for (int r = 0; r < k; r++) a[e * free + rowStart(r, k) + r] += g[0] * (k - r + 1);
                    }
                },
                y);
        return new Constrained(v, logJ);
    }

    // ------------------------------------------------------------------ inverses

    private static int[] matrixDims(String op, Tensor x) {
        if (x.rank() < 2)
            throw new IllegalArgumentException(op + ": needs a matrix (or an array of them), got shape " + x.shape());
        return new int[] {x.dim(x.rank() - 2), x.dim(x.rank() - 1)};
    }

    private static String event(Tensor x, int e) {
        return x.rank() > 2 ? " (array element " + (e + 1) + ", in row-major order)" : "";
    }

    /** Stan's cholesky_factor_free: checks lower-trapezoidal with a positive diagonal; row-major fill, log diagonal. */
    static double[] unconstrainCholeskyFactorCov(Tensor x) {
        String op = "cholesky_factor_free";
        int[] d = matrixDims(op, x);
        int m = d[0], n = d[1], free = n * (n + 1) / 2 + (m - n) * n;
        if (m < n)
            throw new ConstraintViolationException(
                    op + ": cholesky_factor_cov needs rows >= columns, got " + m + " x " + n);
        int events = x.shape().dropLast(2).size();
        double[] xs = x.toArray(), y = new double[events * free];
        for (int e = 0; e < events; e++) {
            int o = e * m * n;
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < n; c++) {
                    double v = xs[o + r * n + c];
                    if (c > r && v != 0) {
                        throw new ConstraintViolationException(op + ": y is not lower triangular; y[" + (r + 1) + ","
                                + (c + 1) + "]=" + StanNumbers.format(v) + event(x, e));
                    }
                    if (c == r && !(v > 0)) {
                        throw new ConstraintViolationException(op + ": diagonal of y is " + StanNumbers.format(v)
                                + " at [" + (r + 1) + "," + (c + 1) + "], but must be positive" + event(x, e));
                    }
                    if (c <= r) y[e * free + rowStart(r, n) + c] = c == r ? Math.log(v) : v;
                }
            }
        }
        return y;
    }

    /** Stan's cov_matrix_free: checks symmetric positive definite; Cholesky L, row-major fill with log diagonal. */
    static double[] unconstrainCovMatrix(Tensor x) {
        String op = "cov_matrix_free";
        int k = squareDim(op, x);
        int free = k + k * (k - 1) / 2, events = x.shape().dropLast(2).size();
        double[] y = new double[events * free];
        for (int e = 0; e < events; e++) {
            double[] l = cholesky(op, x, e, k);
            for (int r = 0; r < k; r++) {
                for (int c = 0; c <= r; c++)
                    y[e * free + rowStart(r, k) + c] = c == r ? Math.log(l[r * k + c]) : l[r * k + c];
            }
        }
        return y;
    }

    /** Stan's corr_matrix_free: checks a correlation matrix; CPCs of its Cholesky factor, column-major, atanh'd. */
    static double[] unconstrainCorrMatrix(Tensor x) {
        String op = "corr_matrix_free";
        int k = squareDim(op, x);
        int free = k * (k - 1) / 2, events = x.shape().dropLast(2).size();
        double[] y = new double[events * free];
        for (int e = 0; e < events; e++) {
            for (int i = 0; i < k; i++) {
                double dii = x.at(e * k * k + i * k + i);
                if (!(Math.abs(dii - 1) <= TOLERANCE)) {
                    throw new ConstraintViolationException(
                            op + ": y is not a valid correlation matrix. y[" + (i + 1) + "," + (i + 1) + "] is "
                                    + StanNumbers.format(dii) + ", but should be near 1" + event(x, e));
                }
            }
            double[] l = cholesky(op, x, e, k);
            choleskyToCpcs(l, k, false, y, e * free);
        }
        return y;
    }

    /** Stan's cholesky_corr_free: checks a Cholesky factor of a correlation matrix; CPCs row by row, atanh'd. */
    static double[] unconstrainCholeskyFactorCorr(Tensor x) {
        String op = "cholesky_corr_free";
        int k = squareDim(op, x);
        int free = k * (k - 1) / 2, events = x.shape().dropLast(2).size();
        double[] xs = x.toArray(), y = new double[events * free];
        for (int e = 0; e < events; e++) {
            double[] l = new double[k * k];
            System.arraycopy(xs, e * k * k, l, 0, k * k);
            for (int r = 0; r < k; r++) {
                double ss = 0;
                for (int c = 0; c < k; c++) {
                    double v = l[r * k + c];
                    if (c > r && v != 0) {
                        throw new ConstraintViolationException(op + ": y is not lower triangular; y[" + (r + 1) + ","
                                + (c + 1) + "]=" + StanNumbers.format(v) + event(x, e));
                    }
                    ss += v * v;
                }
                if (!(l[r * k + r] > 0)) {
                    throw new ConstraintViolationException(op
                            + ": y is not a valid Cholesky factor of a correlation matrix: diagonal element " + (r + 1)
                            + " is " + StanNumbers.format(l[r * k + r]) + ", but must be positive" + event(x, e));
                }
                if (!(Math.abs(1 - ss) <= TOLERANCE)) {
                    throw new ConstraintViolationException(op
                            + ": y is not a valid Cholesky factor of a correlation matrix: row " + (r + 1)
                            + " has squared norm " + StanNumbers.format(ss) + ", but should be 1" + event(x, e));
                }
            }
            choleskyToCpcs(l, k, true, y, e * free);
        }
        return y;
    }

    private static void choleskyToCpcs(double[] l, int k, boolean rowMajor, double[] y, int yo) {
        for (int i = 1; i < k; i++) {
            double ss = 0;
            for (int j = 0; j < i; j++) {
                double c = j == 0 ? l[i * k] : l[i * k + j] / Math.sqrt(1.0 - ss);
                y[yo + cpcIndex(i, j, k, rowMajor)] = 0.5 * Math.log((1 + c) / (1 - c));
                ss += l[i * k + j] * l[i * k + j];
            }
        }
    }

    private static int squareDim(String op, Tensor x) {
        int[] d = matrixDims(op, x);
        if (d[0] != d[1])
            throw new ConstraintViolationException(op + ": Expecting a square matrix; rows of y (" + d[0]
                    + ") and columns of y (" + d[1] + ") must match in size");
        return d[0];
    }

    /** Checks symmetry (within 1e−8) and positive definiteness of event e, and returns its row-major Cholesky factor. */
    private static double[] cholesky(String op, Tensor x, int e, int k) {
        double[] a = new double[k * k];
        for (int i = 0; i < k * k; i++) a[i] = x.at(e * k * k + i);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(a[i * k + j] - a[j * k + i]) <= TOLERANCE)) {
                    throw new ConstraintViolationException(
                            op + ": y is not symmetric. y[" + (i + 1) + "," + (j + 1) + "] = "
                                    + StanNumbers.format(a[i * k + j]) + ", but y[" + (j + 1) + "," + (i + 1) + "] = "
                                    + StanNumbers.format(a[j * k + i]) + event(x, e));
                }
            }
        }
        double[] l = new double[k * k];
        for (int j = 0; j < k; j++) {
            double s = a[j * k + j];
            for (int c = 0; c < j; c++) s -= l[j * k + c] * l[j * k + c];
            if (!(s > 0)) throw new ConstraintViolationException(op + ": y is not positive definite" + event(x, e));
            double d = Math.sqrt(s);
            l[j * k + j] = d;
            for (int i = j + 1; i < k; i++) {
                double t = a[i * k + j];
                for (int c = 0; c < j; c++) t -= l[i * k + c] * l[j * k + c];
                l[i * k + j] = t / d;
            }
        }
        return l;
    }
}
