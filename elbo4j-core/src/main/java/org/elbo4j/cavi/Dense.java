package org.elbo4j.cavi;

/**
 * Small dense linear algebra on {@code double[][]} (row-major, square D × D with D small: the dimension of a
 * mixture component or of a regression's coefficients). Cholesky-based, so every inverse and determinant
 * needs a symmetric positive definite matrix; a failure names the matrix.
 *
 * <p>Nothing here modifies its arguments; every result is a new array.
 */
final class Dense {
    private Dense() {}

    /**
     * The lower Cholesky factor L with A = L Lᵀ.
     *
     * @param a D × D, symmetric positive definite (only the lower triangle is read); not modified
     * @param what the matrix's name for the error message
     * @return L, D × D lower triangular
     * @throws IllegalArgumentException if a pivot is not > 0 and finite (A not positive definite)
     */
    static double[][] cholesky(double[][] a, String what) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) s -= l[j][k] * l[j][k];
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException(
                        what + " is not symmetric positive definite (Cholesky pivot " + (j + 1) + " is " + s + ")");
            }
            double ljj = Math.sqrt(s);
            l[j][j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) t -= l[i][k] * l[j][k];
                l[i][j] = t / ljj;
            }
        }
        return l;
    }

    /** log|A| = 2 Σ log L_ii from A's Cholesky factor L. */
    static double logDetFromCholesky(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) s += Math.log(l[i][i]);
        return 2 * s;
    }

    /** log|A| for A symmetric positive definite. @throws IllegalArgumentException if it is not */
    static double logDet(double[][] a, String what) {
        return logDetFromCholesky(cholesky(a, what));
    }

    /** A⁻¹ from A's Cholesky factor L (A⁻¹ = L⁻ᵀ L⁻¹), symmetrised. */
    static double[][] inverseFromCholesky(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        double[] e = new double[d];
        for (int c = 0; c < d; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            double[] col = solveCholesky(l, e);
            for (int r = 0; r < d; r++) inv[r][c] = col[r];
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5
                        * (inv[i][j] + inv[j][i]); // exact symmetry: later Cholesky factorisations read one triangle
                inv[i][j] = v;
                inv[j][i] = v;
            }
        }
        return inv;
    }

    /** A⁻¹ for A symmetric positive definite. @throws IllegalArgumentException if it is not */
    static double[][] inverse(double[][] a, String what) {
        return inverseFromCholesky(cholesky(a, what));
    }

    /** x with A x = b, from A's Cholesky factor L (forward then back substitution). */
    static double[] solveCholesky(double[][] l, double[] b) {
        int d = l.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < d; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** A x. */
    static double[] times(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += a[i][j] * x[j];
            y[i] = s;
        }
        return y;
    }

    /** L z for L lower triangular. */
    static double[] lowerTimes(double[][] l, double[] z) {
        double[] y = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) s += l[i][j] * z[j];
            y[i] = s;
        }
        return y;
    }

    /** A B. */
    static double[][] times(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                for (int j = 0; j < m; j++) c[i][j] += aip * b[p][j];
            }
        }
        return c;
    }

    /** (x − a)ᵀ P (x − a). */
    static double quadForm(double[] x, double[] a, double[][] p) {
        int d = x.length;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double di = x[i] - a[i], t = 0;
            for (int j = 0; j < d; j++) t += p[i][j] * (x[j] - a[j]);
            s += di * t;
        }
        return s;
    }

    /** tr(A B) = Σ_ij A_ij B_ji. */
    static double traceOfProduct(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) s += a[i][j] * b[j][i];
        }
        return s;
    }

    /** c·I, D × D. */
    static double[][] scaledIdentity(int d, double c) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) m[i][i] = c;
        return m;
    }

    /** A deep copy. */
    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    /**
     * Checks that {@code a} is a finite, symmetric (to a relative 1e-9) D × D matrix and returns a copy.
     *
     * @throws IllegalArgumentException naming {@code what} if it is not
     */
    static double[][] checkSymmetric(double[][] a, int d, String what) {
        if (a == null || a.length != d) {
            throw new IllegalArgumentException(
                    what + " must be " + d + " × " + d + ", got " + (a == null ? "null" : a.length + " rows"));
        }
        for (int i = 0; i < d; i++) {
            if (a[i] == null || a[i].length != d) {
                throw new IllegalArgumentException(what + " must be " + d + " × " + d + ", row " + (i + 1) + " has "
                        + (a[i] == null ? "null" : a[i].length + " entries"));
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(what + "[" + (i + 1) + "," + (j + 1) + "] is " + a[i][j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                // Relative tolerance: matrices computed in floating point differ in the last bits.
                if (!(Math.abs(a[i][j] - a[j][i]) <= 1e-9 * (Math.abs(a[i][j]) + Math.abs(a[j][i])) + 1e-300)) {
                    throw new IllegalArgumentException(what + " is not symmetric: [" + (i + 1) + "," + (j + 1) + "] = "
                            + a[i][j] + " but [" + (j + 1) + "," + (i + 1) + "] = " + a[j][i]);
                }
            }
        }
        return copy(a);
    }

    /** Checks a finite vector of length d and returns a copy. @throws IllegalArgumentException naming it */
    static double[] checkVector(double[] v, int d, String what) {
        if (v == null || v.length != d) {
            throw new IllegalArgumentException(
                    what + " must have length " + d + ", got " + (v == null ? "null" : String.valueOf(v.length)));
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(what + "[" + (i + 1) + "] is " + v[i]);
        }
        return v.clone();
    }

    /** Checks x > 0 and finite. @throws IllegalArgumentException naming it */
    static double checkPositive(double x, String what) {
        if (!(x > 0) || Double.isInfinite(x))
            throw new IllegalArgumentException(what + " must be > 0 and finite, got " + x);
        return x;
    }
}
