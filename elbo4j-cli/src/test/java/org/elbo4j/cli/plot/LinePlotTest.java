package org.elbo4j.cli.plot;

import static org.elbo4j.cli.plot.PngAssert.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @Test
    void writesAPngWithTwoSeries(@TempDir Path tmp) throws Exception {
        int n = 500;
        double[] step = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            step[i] = i + 1;
            a[i] = -40 - 200 * Math.exp(-i / 60.0);
            b[i] = -45 - 200 * Math.exp(-i / 150.0) + 5 * Math.sin(i / 3.0);
        }
        b[17] = Double.NaN; // a diverged step is left out, not fatal
        Path f = tmp.resolve("elbo.png");
        LinePlot.titled("ELBO trace")
                .xLabel("step")
                .yLabel("ELBO")
                .logX(true)
                .series("reparameterized", step, a)
                .series("score function", step, b)
                .writePng(f, 800, 500);
        BufferedImage img = assertPng(f, 800, 500);
        assertTrue(PngAssert.distinctColours(img) > 20);
        assertTrue(PngAssert.hasColour(img, Plots.PALETTE[0].getRGB()), "first series colour");
        assertTrue(PngAssert.hasColour(img, Plots.PALETTE[1].getRGB()), "second series colour");
    }

    @Test
    void seriesAgainstStepIndex(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("loss.png");
        LinePlot.titled("").series("train", new double[] {3, 2, 1.5, 1.2}).writePng(f, 300, 200);
        assertPng(f, 300, 200);
    }

    @Test
    void badInputGetsAClearError(@TempDir Path tmp) {
        Path f = tmp.resolve("x.png");
        assertMessage("series 'a' is empty", () -> LinePlot.titled("t").series("a", new double[0], new double[0]));
        assertMessage(
                "series 'a': x has 3 values but y has 2",
                () -> LinePlot.titled("t").series("a", new double[3], new double[2]));
        assertMessage(
                "series 'a' has no point with finite x and y (2 points, all NaN or infinite)",
                () -> LinePlot.titled("t")
                        .series("a", new double[] {1, 2}, new double[] {Double.NaN, Double.NaN})
                        .writePng(f, 300, 200));
        assertMessage(
                "series 'a' was already added",
                () -> LinePlot.titled("t").series("a", new double[] {1}).series("a", new double[] {2}));
        assertMessage(
                "series name must not be blank: ' '", () -> LinePlot.titled("t").series(" ", new double[] {1}));
        assertMessage("line plot 't' has no series", () -> LinePlot.titled("t").writePng(f, 300, 200));
        assertMessage(
                "series 'a': x[0] = 0.0 cannot be shown on a log x-axis (needs x > 0)",
                () -> LinePlot.titled("t")
                        .logX(true)
                        .series("a", new double[] {0, 1}, new double[] {1, 2})
                        .writePng(f, 300, 200));
        assertMessage(
                "image size must be within 50..10000 pixels: 10 × 200",
                () -> LinePlot.titled("t").series("a", new double[] {1}).writePng(f, 10, 200));
        assertFalse(Files.exists(f), "nothing written on error");
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
