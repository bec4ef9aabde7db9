package org.elbo4j.cli.plot;

import static org.elbo4j.cli.plot.PngAssert.assertPng;

import java.nio.file.Path;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javadoc examples of {@code org.elbo4j.cli.plot}, verbatim, each followed by a check that it wrote a PNG of
 * the size asked for; {@code dir} is a temporary directory.
 */
class JavadocExamplesTest {

    @Test
    void packageInfo(@TempDir Path dir) throws Exception {
        Tensor y = Tensor.of(2.1, 3.4, 2.9, 4.0, 3.3);
        Model model = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), y);
        Fit fit = Svi.of(model, AutoGuide.meanField(model)).seed(1).run(Stop.after(500));
        double[][] samples = new double[64][28 * 28];
        double[] elbo = fit.elboTrace(); // one value per step
        LinePlot.titled("ELBO trace")
                .xLabel("step")
                .yLabel("ELBO")
                .series("reparameterized", elbo)
                .writePng(dir.resolve("elbo.png"), 800, 500);
        ImageGrid.of(samples, 28, 28).columns(8).scale(3).writePng(dir.resolve("samples.png"));
        assertPng(dir.resolve("elbo.png"), 800, 500);
        ImageGrid g = ImageGrid.of(samples, 28, 28).columns(8).scale(3);
        assertPng(dir.resolve("samples.png"), g.width(), g.height());
    }

    @Test
    void barPlot(@TempDir Path dir) throws Exception {
        BarPlot.titled("Gradient variance, eight schools")
                .yLabel("variance")
                .logY(true)
                .categories("score", "score + baseline", "pathwise", "STL")
                .series("d ELBO / d mu", new double[] {812.0, 95.1, 3.2, 1.1})
                .writePng(dir.resolve("gradvar.png"), 800, 500);
        assertPng(dir.resolve("gradvar.png"), 800, 500);
    }

    @Test
    void imageGrid(@TempDir Path dir) throws Exception {
        double[][] samples = new double[64][28 * 28]; // 64 images of 28·28 values in [0, 1], row-major
        ImageGrid.of(samples, 28, 28).columns(8).scale(3).writePng(dir.resolve("samples.png"));
        ImageGrid g = ImageGrid.of(samples, 28, 28).columns(8).scale(3);
        assertPng(dir.resolve("samples.png"), g.width(), g.height());
    }

    @Test
    void linePlot(@TempDir Path dir) throws Exception {
        double[] steps = {1, 2, 3, 4}, elbo = {-50, -30, -25, -24}, elboSf = {-50, -45, -35, -30};
        LinePlot.titled("ELBO trace")
                .xLabel("step")
                .yLabel("ELBO")
                .series("reparameterized", steps, elbo)
                .series("score function", steps, elboSf)
                .writePng(dir.resolve("elbo.png"), 800, 500);
        assertPng(dir.resolve("elbo.png"), 800, 500);
    }

    @Test
    void scatterPlot(@TempDir Path dir) throws Exception {
        double[] x1 = {0, 0.5, 4, 4.5}, x2 = {0, 0.3, 4, 4.2}, mean0 = {0.25, 0.15};
        int[] clusterOfPoint = {0, 0, 1, 1};
        double[][] cov0 = {{0.1, 0}, {0, 0.1}};
        ScatterPlot.titled("Gaussian mixture, CAVI")
                .xLabel("x1")
                .yLabel("x2")
                .points(x1, x2, clusterOfPoint) // groups "cluster 0", "cluster 1", ...
                .ellipse("cluster 0", mean0, cov0, 2.0)
                .writePng(dir.resolve("cavi.png"), 700, 600);
        assertPng(dir.resolve("cavi.png"), 700, 600);
    }
}
