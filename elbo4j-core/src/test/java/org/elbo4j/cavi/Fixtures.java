package org.elbo4j.cavi;

import org.elbo4j.random.RandomStream;

/** Data sets shared by the CAVI tests, each a function of a seed. */
final class Fixtures {
    private Fixtures() {}

    static final double[] WEIGHTS = {0.5, 0.3, 0.2};
    static final double[][] MEANS = {{-4, 0}, {4, 1}, {0, 6}};
    static final double[][][] COVS = {
        {{1.0, 0.5}, {0.5, 1.0}},
        {{0.5, 0.0}, {0.0, 1.5}},
        {{1.0, -0.3}, {-0.3, 0.6}}
    };

    /** Three well-separated 2-D clusters with weights 0.5, 0.3, 0.2 and different covariances. */
    static SyntheticData.Mixture threeClusters(int n, long seed) {
        return SyntheticData.mixture(n, WEIGHTS, MEANS, COVS, RandomStream.of(seed));
    }

    /** Three overlapping clusters (means 1.5 apart, unit covariance): CAVI needs many sweeps here. */
    static SyntheticData.Mixture overlapping(int n, long seed) {
        double[][][] id = {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}};
        return SyntheticData.mixture(
                n, WEIGHTS, new double[][] {{-1.5, 0}, {1.5, 0}, {0, 1.5}}, id, RandomStream.of(seed));
    }

    /** Unit-covariance clusters for the unit-variance model, far apart. */
    static SyntheticData.Mixture unitClusters(int n, long seed) {
        double[][][] id = {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}};
        return SyntheticData.mixture(n, WEIGHTS, MEANS, id, RandomStream.of(seed));
    }

    static final double[] TRUE_W = {1.0, 2.0, -1.0, 0.5};

    /** y = 1 + 2x₁ − x₂ + 0.5x₃ + 0.7ε, n points, column 0 of X is the intercept. */
    static SyntheticData.Regression regression(int n, long seed) {
        return SyntheticData.regression(n, TRUE_W, 0.7, true, RandomStream.of(seed));
    }
}
