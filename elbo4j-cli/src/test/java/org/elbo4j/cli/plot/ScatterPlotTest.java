package org.elbo4j.cli.plot;

import static org.elbo4j.cli.plot.LinePlotTest.assertMessage;
import static org.elbo4j.cli.plot.PngAssert.assertPng;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {

    @Test
    void clustersWithEllipses(@TempDir Path tmp) throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] label = new int[n];
        double[][] centres = {{-3, 0}, {3, 1}, {0, 4}};
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            label[i] = k;
            double u = gaussian(rng);
            double v = gaussian(rng);
            x[i] = centres[k][0] + u;
            y[i] = centres[k][1] + 0.6 * u + 0.5 * v; // correlated: tilted ellipses
        }
        double[][] cov = {{1, 0.6}, {0.6, 0.61}};
        Path f = tmp.resolve("cavi.png");
        ScatterPlot p = ScatterPlot.titled("Gaussian mixture, CAVI")
                .xLabel("x1")
                .yLabel("x2")
                .points(x, y, label);
        for (int k = 0; k < 3; k++) {
            p.ellipse("cluster " + k, centres[k], cov, 2.0);
        }
        p.writePng(f, 700, 600);
        BufferedImage img = assertPng(f, 700, 600);
        for (int k = 0; k < 3; k++) {
            assertTrue(PngAssert.hasColour(img, Plots.PALETTE[k].getRGB()), "cluster " + k + " colour");
        }
    }

    @Test
    void ellipseTouchesTheTwoSigmaPoints() {
        // For cov = diag(4, 1) and k = 2 the ellipse spans x in [m - 4, m + 4] and y in [m - 2, m + 2].
        ScatterPlot p = ScatterPlot.titled("e")
                .group("g", new double[] {0}, new double[] {0})
                .ellipse("g", new double[] {1, -1}, new double[][] {{4, 0}, {0, 1}}, 2);
        var chart = p.build(300, 300);
        var s = chart.getSeriesMap().get("g ellipse 1");
        double[] ex = s.getXData();
        double[] ey = s.getYData();
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < ex.length; i++) {
            minX = Math.min(minX, ex[i]);
            maxX = Math.max(maxX, ex[i]);
            minY = Math.min(minY, ey[i]);
            maxY = Math.max(maxY, ey[i]);
        }
        // 121 points on the curve include t = 0, π/2, π, 3π/2 exactly (120 is divisible by 4).
        org.junit.jupiter.api.Assertions.assertEquals(-3, minX, 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(5, maxX, 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(-3, minY, 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(1, maxY, 1e-12);
    }

    @Test
    void badInputGetsAClearError(@TempDir Path tmp) {
        Path f = tmp.resolve("s.png");
        assertMessage(
                "points: x, y and labels must have one entry per point: 2, 2, 1",
                () -> ScatterPlot.titled("t").points(new double[2], new double[2], new int[1]));
        assertMessage(
                "points: no points", () -> ScatterPlot.titled("t").points(new double[0], new double[0], new int[0]));
        assertMessage(
                "group 'g': point 1 = (NaN, 0.0) is not finite",
                () -> ScatterPlot.titled("t").group("g", new double[] {0, Double.NaN}, new double[2]));
        assertMessage("group 'g' is empty", () -> ScatterPlot.titled("t").group("g", new double[0], new double[0]));
        assertMessage(
                "ellipse 'g': cov [[1.0, 2.0], [2.0, 1.0]] is not positive definite",
                () -> ScatterPlot.titled("t").ellipse("g", new double[2], new double[][] {{1, 2}, {2, 1}}, 2));
        assertMessage(
                "ellipse 'g': cov is not symmetric: 0.5 vs 0.0",
                () -> ScatterPlot.titled("t").ellipse("g", new double[2], new double[][] {{1, 0.5}, {0, 1}}, 2));
        assertMessage(
                "ellipse 'g': radius k must be > 0: 0.0",
                () -> ScatterPlot.titled("t").ellipse("g", new double[2], new double[][] {{1, 0}, {0, 1}}, 0));
        assertMessage(
                "ellipse for group 'h' but the groups are [g]",
                () -> ScatterPlot.titled("t")
                        .group("g", new double[1], new double[1])
                        .ellipse("h", new double[2], new double[][] {{1, 0}, {0, 1}}, 2)
                        .writePng(f, 300, 300));
        assertMessage(
                "scatter plot 't' has no points", () -> ScatterPlot.titled("t").writePng(f, 300, 300));
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
