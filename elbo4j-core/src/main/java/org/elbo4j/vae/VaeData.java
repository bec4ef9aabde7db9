package org.elbo4j.vae;

import java.util.Arrays;

/**
 * A training set and a test set of D-dimensional datapoints, row-major. Values for binarisation must lie in
 * [0, 1] (pixel intensities v/255); real-valued data for a Gaussian decoder may be any finite numbers. Core never
 * reads files: the caller loads the arrays (the CLI reads MNIST's IDX files).
 *
 * @param train  nTrain·D values. Not copied: do not modify.
 * @param nTrain number of training datapoints, ≥ 1
 * @param test   nTest·D values. Not copied: do not modify.
 * @param nTest  number of test datapoints, ≥ 0
 * @param dim    D ≥ 1
 */
public record VaeData(double[] train, int nTrain, double[] test, int nTest, int dim) {
    /**
     * @throws IllegalArgumentException if a count does not match its array, or a value is not finite (naming the
     *         set, the datapoint, the coordinate and the value)
     */
    public VaeData {
        if (dim < 1) throw new IllegalArgumentException("VaeData: dimension must be >= 1, got " + dim);
        if (nTrain < 1)
            throw new IllegalArgumentException("VaeData: needs at least one training datapoint, got " + nTrain);
        if (nTest < 0) throw new IllegalArgumentException("VaeData: test count must be >= 0, got " + nTest);
        check("training", train, nTrain, dim);
        check("test", test, nTest, dim);
    }

    private static void check(String set, double[] v, int n, int dim) {
        if ((long) n * dim != v.length) {
            throw new IllegalArgumentException(
                    "VaeData: the " + set + " set has " + v.length + " values, not " + n + " × " + dim);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(
                        "VaeData: " + set + " datapoint " + i / dim + ", coordinate " + i % dim + " is " + v[i]);
            }
        }
    }

    /**
     * The first {@code nTrain} rows of {@code all} for training and the rest for testing (the project's 10k MNIST
     * file: 8,000 and 2,000).
     *
     * @throws IllegalArgumentException if the split is outside [1, n]
     */
    public static VaeData split(double[] all, int dim, int nTrain) {
        int n = all.length / dim;
        if (nTrain < 1 || nTrain > n) {
            throw new IllegalArgumentException("VaeData.split: training count " + nTrain + " outside [1, " + n + "]");
        }
        return new VaeData(
                Arrays.copyOfRange(all, 0, nTrain * dim),
                nTrain,
                Arrays.copyOfRange(all, nTrain * dim, n * dim),
                n - nTrain,
                dim);
    }

    /**
     * Checks that every value lies in [0, 1], as binarisation needs.
     *
     * @throws IllegalArgumentException naming the first value outside
     */
    void requireUnitInterval() {
        unit("training", train);
        unit("test", test);
    }

    private void unit(String set, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException("VaeData: binarisation needs values in [0, 1]; " + set
                        + " datapoint " + i / dim + ", coordinate " + i % dim + " is " + v[i]);
            }
        }
    }
}
