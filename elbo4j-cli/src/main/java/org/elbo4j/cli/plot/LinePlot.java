package org.elbo4j.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of one or more named series written as PNG: the ELBO trace by step, train and test
 * ELBO by epoch. Points where x or y is NaN or infinite are left out (a diverging run still plots);
 * a series with no finite point is an error.
 *
 * <pre>{@code
 * LinePlot.titled("ELBO trace").xLabel("step").yLabel("ELBO")
 *     .series("reparameterized", steps, elbo)
 *     .series("score function", steps, elboSf)
 *     .writePng(dir.resolve("elbo.png"), 800, 500);
 * }</pre>
 */
public final class LinePlot {

  private final String title;
  private String xLabel = "";
  private String yLabel = "";
  private boolean logX;
  private boolean logY;
  private boolean legendOutside;
  private final List<Series> series = new ArrayList<>();

  private record Series(String name, double[] x, double[] y) {}

  private LinePlot(String title) {
    Plots.init();
    this.title = title == null ? "" : title;
  }

  /**
   * @param title the chart title ("" for none)
   * @return an empty plot
   */
  public static LinePlot titled(String title) {
    return new LinePlot(title);
  }

  /** @return this, with the x-axis label set */
  public LinePlot xLabel(String label) {
    this.xLabel = label == null ? "" : label;
    return this;
  }

  /** @return this, with the y-axis label set */
  public LinePlot yLabel(String label) {
    this.yLabel = label == null ? "" : label;
    return this;
  }

  /** @return this, with a logarithmic x-axis (all finite x must then be &gt; 0) */
  public LinePlot logX(boolean on) {
    this.logX = on;
    return this;
  }

  /** @return this, with a logarithmic y-axis (all finite y must then be &gt; 0) */
  public LinePlot logY(boolean on) {
    this.logY = on;
    return this;
  }

  /**
   * Puts the legend to the right of the plot area instead of inside it, so that it never hides the
   * top-right corner, where converging traces end.
   *
   * @return this
   */
  public LinePlot legendOutside() {
    this.legendOutside = true;
    return this;
  }

  /**
   * Adds a series; the arrays are copied.
   *
   * @param name legend entry, unique in this plot
   * @param x abscissae, same length as y
   * @param y ordinates
   * @return this
   * @throws IllegalArgumentException if the name is blank or taken, the lengths differ, the series
   *     is empty, or it has no point with finite x and y
   */
  public LinePlot series(String name, double[] x, double[] y) {
    Plots.checkName("series", name);
    for (Series s : series) {
      if (s.name.equals(name)) {
        throw new IllegalArgumentException("series '" + name + "' was already added");
      }
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "': x has " + x.length
          + " values but y has " + y.length);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' is empty");
    }
    series.add(new Series(name, x.clone(), y.clone()));
    return this;
  }

  /**
   * Adds a series against 1, 2, ..., n (e.g. the ELBO by step).
   *
   * @param name legend entry
   * @param y ordinates
   * @return this
   * @throws IllegalArgumentException as {@link #series(String, double[], double[])}
   */
  public LinePlot series(String name, double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    return series(name, x, y);
  }

  /**
   * Renders to a PNG file, written atomically.
   *
   * @param file the PNG file to create or replace
   * @param width pixels, 50–10000
   * @param height pixels, 50–10000
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if there is no series, a series has no finite point, or a log
   *     axis meets a value ≤ 0
   */
  public void writePng(Path file, int width, int height) throws IOException {
    Plots.writePng(build(width, height), file);
  }

  XYChart build(int width, int height) {
    Plots.checkSize(width, height);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("line plot '" + title + "' has no series");
    }
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    Plots.style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendVisible(series.size() > 1);
    if (legendOutside) {
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    }
    int k = 0;
    for (Series s : series) {
      double[][] xy = finitePoints(s);
      XYSeries xs = chart.addSeries(s.name, xy[0], xy[1]);
      xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      xs.setMarker(SeriesMarkers.NONE);
      xs.setLineColor(Plots.color(k++));
    }
    return chart;
  }

  private double[][] finitePoints(Series s) {
    int m = 0;
    for (int i = 0; i < s.x.length; i++) {
      if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
        m++;
      }
    }
    if (m == 0) {
      throw new IllegalArgumentException("series '" + s.name + "' has no point with finite x and y ("
          + s.x.length + " points, all NaN or infinite)");
    }
    double[] x = new double[m];
    double[] y = new double[m];
    int j = 0;
    for (int i = 0; i < s.x.length; i++) {
      if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
        if (logX && !(s.x[i] > 0)) {
          throw new IllegalArgumentException("series '" + s.name + "': x[" + i + "] = " + s.x[i]
              + " cannot be shown on a log x-axis (needs x > 0)");
        }
        if (logY && !(s.y[i] > 0)) {
          throw new IllegalArgumentException("series '" + s.name + "': y[" + i + "] = " + s.y[i]
              + " cannot be shown on a log y-axis (needs y > 0)");
        }
        x[j] = s.x[i];
        y[j++] = s.y[i];
      }
    }
    return new double[][] {x, y};
  }
}
