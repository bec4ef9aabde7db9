package org.elbo4j.cavi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad data and settings get an IllegalArgumentException that says what is wrong and where. */
class BadInputTest {
    private static void assertMessage(Executable e, String... parts) {
        String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String p : parts) assertTrue(msg.contains(p), "message '" + msg + "' lacks '" + p + "'");
    }

    static final double[][] FOUR = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    static final RandomStream RNG = RandomStream.of(1);

    @Test
    void emptyData() {
        assertMessage(() -> GaussianMixture.defaultPrior(new double[0][], 2), "no data");
        assertMessage(() -> UnitVarianceMixture.init(new double[0][], 1, new double[2], 1, RNG), "no data");
        assertMessage(
                () -> BayesianLinearRegression.init(new double[0][], new double[0], NormalGamma.isotropic(2, 1, 1, 1)),
                "X",
                "no data");
    }

    @Test
    void moreComponentsThanPoints() {
        assertMessage(() -> GaussianMixture.defaultPrior(FOUR, 5), "K = 5", "number of points (4)");
        GaussianMixture.Prior prior = GaussianMixture.defaultPrior(FOUR, 4);
        assertMessage(() -> GaussianMixture.init(new double[][] {{0, 0}, {1, 1}}, prior, RNG), "K = 4", "(2)");
        assertMessage(() -> UnitVarianceMixture.init(FOUR, 7, new double[2], 1, RNG), "K = 7");
        assertMessage(() -> UnitVarianceMixture.init(FOUR, 0, new double[2], 1, RNG), "K must be >= 1");
    }

    @Test
    void nonFiniteData() {
        double[][] nan = {{0, 0}, {1, Double.NaN}, {2, 2}};
        assertMessage(() -> GaussianMixture.defaultPrior(nan, 2), "row 2, column 2", "NaN");
        assertMessage(() -> UnitVarianceMixture.init(nan, 2, new double[2], 1, RNG), "row 2, column 2");
        double[][] x = {{1, 0.5}, {1, Double.POSITIVE_INFINITY}};
        assertMessage(
                () -> BayesianLinearRegression.init(x, new double[] {1, 2}, NormalGamma.isotropic(2, 1, 1, 1)),
                "X: row 2, column 2",
                "Infinity");
        assertMessage(
                () -> BayesianLinearRegression.init(
                        new double[][] {{1}, {2}}, new double[] {1, Double.NaN}, NormalGamma.isotropic(1, 1, 1, 1)),
                "y: entry 2",
                "NaN");
    }

    @Test
    void shapesThatDisagree() {
        assertMessage(() -> GaussianMixture.defaultPrior(new double[][] {{0, 0}, {1}}, 1), "row 2 has 1 columns");
        assertMessage(
                () -> BayesianLinearRegression.init(FOUR, new double[] {1, 2, 3}, NormalGamma.isotropic(2, 1, 1, 1)),
                "y has 3",
                "4 rows");
        assertMessage(
                () -> BayesianLinearRegression.init(FOUR, new double[4], NormalGamma.isotropic(3, 1, 1, 1)),
                "2 columns",
                "dimension 3");
        GaussianMixture.Prior prior3 = new GaussianMixture.Prior(
                DirichletFactor.symmetric(2, 1),
                NormalWishartFactor.of(new double[3], 1, Dense.scaledIdentity(3, 1), 3));
        assertMessage(() -> GaussianMixture.init(FOUR, prior3, RNG), "dimension 3", "2 columns");
    }

    @Test
    void constantColumnForTheDefaultPrior() {
        assertMessage(
                () -> GaussianMixture.defaultPrior(new double[][] {{1, 3}, {2, 3}, {4, 3}}, 2),
                "column 2 is constant",
                "3.0");
        assertMessage(() -> GaussianMixture.defaultPrior(new double[][] {{1, 3}}, 1), "column 1 is constant");
    }

    @Test
    void badSettings() {
        assertMessage(() -> Cavi.defaults().tolerance(-1), "tolerance");
        assertMessage(() -> Cavi.defaults().tolerance(Double.NaN), "tolerance");
        assertMessage(() -> Cavi.defaults().maxSweeps(0), "maxSweeps");
        assertMessage(() -> Cavi.defaults().restarts(0), "restarts");
        assertMessage(() -> UnitVarianceMixture.init(FOUR, 2, new double[2], 0, RNG), "prior scale");
        assertMessage(() -> UnitVarianceMixture.init(FOUR, 2, new double[3], 1, RNG), "prior loc", "length 2");
    }
}
