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
            throw new IllegalArgumentException(
                    "series '" + name + "': x has " + x.length + " values but y has " + y.length);
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
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        Plots.style(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendVisible(series.size() > 1);
        // The legend never covers data: beside the plot for many series, below it (in a row) for a few.
        if (legendOutside) {
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        } else {
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        }
        niceXAxis(chart);
        readableYAxis(chart);
        int k = 0;
        for (Series s : series) {
            double[][] xy = finitePoints(s);
            XYSeries xs = chart.addSeries(s.name, xy[0], xy[1]);
            xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            // a series of one point draws no line: show its points
            xs.setMarker(xy[0].length < 2 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            xs.setLineColor(Plots.color(k++));
        }
        return chart;
    }

    /**
     * A linear x-axis of non-negative data runs from 0 to a round number ({@link #niceCeil}), so that
     * XChart's ticks fall on round values (0, 200, 400, ...) rather than on steps from the first point (1, 66, 131).
     */
    private void niceXAxis(XYChart chart) {
        if (logX) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    min = Math.min(min, s.x[i]);
                    max = Math.max(max, s.x[i]);
                }
            }
        }
        if (min >= 0 && max > 0) {
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(niceCeil(max));
        }
    }

    /**
     * Y tick labels with as many decimals as the range needs (XChart prints every digit of a double when the range is
     * tiny or a single value: "-180.65734868373806"), and a padded range around a single value.
     */
    private void readableYAxis(XYChart chart) {
        if (logY) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.y.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    min = Math.min(min, s.y[i]);
                    max = Math.max(max, s.y[i]);
                }
            }
        }
        if (!(max >= min)) {
            return;
        }
        double range = max - min;
        if (range < 1e-9 * Math.max(1, Math.abs(max))) {
            double pad = Math.max(1e-3, 0.05 * Math.abs(max));
            chart.getStyler().setYAxisMin(min - pad);
            chart.getStyler().setYAxisMax(max + pad);
            range = 2 * pad;
        }
        int decimals = (int) Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(range))));
        chart.getStyler().setYAxisDecimalPattern(decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals));
    }

    /**
     * A round axis end at or just above {@code x > 0}: a multiple of a round step (1, 2 or 5 times a power of ten)
     * near x/8, so the axis wastes at most one step (1100 -> 1200, 20000 -> 20000, 7.3 -> 8).
     */
    static double niceCeil(double x) {
        double raw = x / 8;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * p;
        for (double m : new double[] {1, 2, 5}) {
            if (m * p >= raw) {
                step = m * p;
                break;
            }
        }
        return Math.ceil(x / step * (1 - 1e-12)) * step;
    }

    private double[][] finitePoints(Series s) {
        int m = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                m++;
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("series '" + s.name + "' has no point with finite x and y (" + s.x.length
                    + " points, all NaN or infinite)");
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
