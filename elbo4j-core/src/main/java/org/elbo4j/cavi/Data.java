package org.elbo4j.cavi;

/** Data checks and sufficient statistics shared by the models: a design matrix, responses, a point cloud. */
final class Data {
    private Data() {}

    /** XᵀX (D × D), Xᵀy (D), yᵀy. */
    record Moments(double[][] xtx, double[] xty, double yty) {}

    /** @return the regression moments of X (n × D) and y (n); not modified */
    static Moments moments(double[][] x, double[] y, int d) {
        double[][] xtx = new double[d][d];
        double[] xty = new double[d];
        double yty = 0;
        for (int n = 0; n < y.length; n++) {
            double[] row = x[n];
            for (int i = 0; i < d; i++) {
                xty[i] += row[i] * y[n];
                for (int j = 0; j <= i; j++) xtx[i][j] += row[i] * row[j];
            }
            yty += y[n] * y[n];
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) xtx[j][i] = xtx[i][j];
        return new Moments(xtx, xty, yty);
    }

    /** @return ‖y − Xw‖² */
    static double residualSumOfSquares(double[][] x, double[] y, double[] w) {
        double s = 0;
        for (int n = 0; n < y.length; n++) {
            double r = y[n];
            for (int j = 0; j < w.length; j++) r -= x[n][j] * w[j];
            s += r * r;
        }
        return s;
    }

    /**
     * Checks that {@code x} is a non-empty rectangular matrix of finite numbers and returns a deep copy.
     *
     * @param x rows are observations; not modified
     * @param what the data's name for messages ("points", "X")
     * @return a copy
     * @throws IllegalArgumentException naming the row and column (1-based) of the first bad entry
     */
    static double[][] checkMatrix(double[][] x, String what) {
        if (x == null || x.length == 0) throw new IllegalArgumentException(what + ": no data (0 rows)");
        int d = x[0] == null ? 0 : x[0].length;
        if (d == 0) throw new IllegalArgumentException(what + ": rows have no columns");
        double[][] c = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            if (x[n] == null || x[n].length != d) {
                throw new IllegalArgumentException(what + ": row " + (n + 1) + " has "
                        + (x[n] == null ? 0 : x[n].length) + " columns but row 1 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[n][j])) {
                    throw new IllegalArgumentException(what + ": row " + (n + 1) + ", column " + (j + 1) + " is "
                            + x[n][j] + "; every value must be a finite number");
                }
            }
            c[n] = x[n].clone();
        }
        return c;
    }

    /** Checks y: length n, finite. @throws IllegalArgumentException naming the entry */
    static double[] checkResponse(double[] y, int n) {
        if (y == null || y.length != n) {
            throw new IllegalArgumentException(
                    "y has " + (y == null ? 0 : y.length) + " entries but X has " + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i]))
                throw new IllegalArgumentException(
                        "y: entry " + (i + 1) + " is " + y[i] + "; every value must be a finite number");
        }
        return y.clone();
    }

    /** @return the column means of x (n × D) */
    static double[] columnMeans(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= x.length;
        return mean;
    }

    /** @return the (biased, 1/n) covariance of the rows of x */
    static double[][] covariance(double[][] x) {
        int d = x[0].length;
        double[] mean = columnMeans(x);
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]);
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) c[i][j] /= x.length;
        return c;
    }

    /**
     * Checks mixture data: a non-empty finite n × D matrix and 1 ≤ K ≤ n.
     *
     * @return a deep copy of x
     * @throws IllegalArgumentException naming the problem (no points, K out of range, a non-finite entry)
     */
    static double[][] checkPoints(double[][] x, int k) {
        if (x == null || x.length == 0) throw new IllegalArgumentException("points: no data (0 points)");
        if (k < 1) throw new IllegalArgumentException("the number of components K must be >= 1, got " + k);
        if (k > x.length) {
            throw new IllegalArgumentException(
                    "the number of components K = " + k + " is larger than the number of points (" + x.length + ")");
        }
        return checkMatrix(x, "points");
    }
}
