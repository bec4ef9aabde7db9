/**
 * PNG figures, rendered headless ({@code java.awt.headless=true}) and written atomically: ELBO
 * traces ({@link org.elbo4j.cli.plot.LinePlot}), gradient variances on a log scale
 * ({@link org.elbo4j.cli.plot.BarPlot}), clusters with covariance ellipses
 * ({@link org.elbo4j.cli.plot.ScatterPlot}) via XChart, and grids of grayscale images
 * ({@link org.elbo4j.cli.plot.ImageGrid}) via {@code ImageIO}. Bad input (no series, NaN-only
 * series, mismatched lengths, values a log axis cannot show) is an {@link IllegalArgumentException}
 * naming the series and the value.
 *
 * <pre>{@code
 * double[] elbo = fit.elboTrace();              // one value per step
 * LinePlot.titled("ELBO trace").xLabel("step").yLabel("ELBO")
 *     .series("reparameterized", elbo)
 *     .writePng(dir.resolve("elbo.png"), 800, 500);
 * ImageGrid.of(samples, 28, 28).columns(8).scale(3).writePng(dir.resolve("samples.png"));
 * }</pre>
 */
package org.elbo4j.cli.plot;
