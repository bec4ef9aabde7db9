package org.elbo4j.cli.plot;

import static org.elbo4j.cli.plot.LinePlotTest.assertMessage;
import static org.elbo4j.cli.plot.PngAssert.assertPng;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarPlotTest {

    @Test
    void writesALogScaleBarChart(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("gradvar.png");
        BarPlot.titled("Gradient variance")
                .xLabel("estimator")
                .yLabel("variance")
                .logY(true)
                .categories("score", "score + baseline", "pathwise", "STL")
                .series("d/d mu", new double[] {812.0, 95.1, 3.2, 1.1})
                .series("d/d log sigma", new double[] {2500.0, 300.0, 9.0, 0.4})
                .writePng(f, 800, 500);
        BufferedImage img = assertPng(f, 800, 500);
        assertTrue(PngAssert.hasColour(img, Plots.PALETTE[0].getRGB()));
        assertTrue(PngAssert.hasColour(img, Plots.PALETTE[1].getRGB()));
    }

    @Test
    void badInputGetsAClearError(@TempDir Path tmp) {
        Path f = tmp.resolve("b.png");
        assertMessage(
                "set the categories before adding series 'a'",
                () -> BarPlot.titled("t").series("a", new double[1]));
        assertMessage(
                "bar plot 't' needs at least one category",
                () -> BarPlot.titled("t").categories());
        assertMessage("category 'x' appears twice", () -> BarPlot.titled("t").categories("x", "y", "x"));
        assertMessage(
                "series 'a' has 1 values but there are 2 categories [x, y]",
                () -> BarPlot.titled("t").categories("x", "y").series("a", new double[1]));
        assertMessage(
                "series 'a': value for 'y' is NaN; bars need finite values",
                () -> BarPlot.titled("t").categories("x", "y").series("a", new double[] {1, Double.NaN}));
        assertMessage(
                "series 'a': value for 'x' is 0.0; a log axis needs values > 0",
                () -> BarPlot.titled("t")
                        .logY(true)
                        .categories("x", "y")
                        .series("a", new double[] {0, 1})
                        .writePng(f, 300, 200));
        assertMessage(
                "bar plot 't' has no series",
                () -> BarPlot.titled("t").categories("x").writePng(f, 300, 200));
    }
}
