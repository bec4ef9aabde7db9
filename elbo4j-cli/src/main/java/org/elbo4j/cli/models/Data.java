package org.elbo4j.cli.models;

import org.elbo4j.cli.io.DataValue;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.tensor.Tensor;

/** Reading Stan JSON data into tensors, with checks that name the file and variable. */
final class Data {
    private Data() {}

    static Tensor vector(StanJsonData d, String name, int n) {
        return Tensor.of(finite(d, name, d.requireVector(name, n)));
    }

    static Tensor matrix(StanJsonData d, String name, int rows, int cols) {
        DataValue v = d.requireMatrix(name, rows, cols);
        return Tensor.of(finite(d, name, v.values()), rows, cols);
    }

    static Tensor positiveVector(StanJsonData d, String name, int n) {
        double[] v = finite(d, name, d.requireVector(name, n));
        for (int i = 0; i < n; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException(
                        d.source() + ": " + name + "[" + (i + 1) + "] must be > 0, got " + v[i]);
            }
        }
        return Tensor.of(v);
    }

    /** A vector whose entries must lie in [lo, hi] (Stan's {@code vector<lower=lo, upper=hi>} data). */
    static Tensor boundedVector(StanJsonData d, String name, int n, double lo, double hi) {
        double[] v = finite(d, name, d.requireVector(name, n));
        for (int i = 0; i < n; i++) {
            if (!(v[i] >= lo && v[i] <= hi)) {
                throw new IllegalArgumentException(d.source() + ": " + name + "[" + (i + 1) + "] must be in [" + lo
                        + ", " + hi + "], got " + v[i]);
            }
        }
        return Tensor.of(v);
    }

    /** A matrix [rows, cols] from the given columns (each [rows]), e.g. a design matrix. */
    static Tensor columns(int rows, double[]... cols) {
        double[] m = new double[rows * cols.length];
        for (int j = 0; j < cols.length; j++) {
            for (int i = 0; i < rows; i++) m[i * cols.length + j] = cols[j][i];
        }
        return Tensor.of(m, rows, cols.length);
    }

    static Tensor intVector(StanJsonData d, String name, int n, int lo, int hi) {
        int[] v = d.requireIntVector(name, n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (v[i] < lo || v[i] > hi) {
                throw new IllegalArgumentException(d.source() + ": " + name + "[" + (i + 1) + "] must be in [" + lo
                        + ", " + (hi == Integer.MAX_VALUE ? "inf" : hi) + "], got " + v[i]);
            }
            x[i] = v[i];
        }
        return Tensor.of(x);
    }

    private static double[] finite(StanJsonData d, String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(
                        d.source() + ": " + name + " has " + v[i] + " at element " + (i + 1));
            }
        }
        return v;
    }
}
