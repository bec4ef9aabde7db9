package org.elbo4j.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * A bar chart of values by category, one colour per series, written as PNG; with
 * {@link #logY(boolean)} a log-scale bar chart, for quantities that span orders of magnitude such
 * as the gradient variance of each estimator (score function vs pathwise).
 *
 * <pre>{@code
 * BarPlot.titled("Gradient variance, eight schools").yLabel("variance").logY(true)
 *     .categories("score", "score + baseline", "pathwise", "STL")
 *     .series("d ELBO / d mu", new double[] {812.0, 95.1, 3.2, 1.1})
 *     .writePng(dir.resolve("gradvar.png"), 800, 500);
 * }</pre>
 */
public final class BarPlot {

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean logY;
    private List<String> categories;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    private BarPlot(String title) {
        Plots.init();
        this.title = title == null ? "" : title;
    }

    /**
     * @param title the chart title ("" for none)
     * @return an empty plot
     */
    public static BarPlot titled(String title) {
        return new BarPlot(title);
    }

    /** @return this, with the x-axis label set */
    public BarPlot xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** @return this, with the y-axis label set */
    public BarPlot yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** @return this, with a logarithmic y-axis (values must then be &gt; 0) */
    public BarPlot logY(boolean on) {
        this.logY = on;
        return this;
    }

    /**
     * Sets the categories (bars along the x-axis), once, before the series.
     *
     * @param names distinct, non-blank
     * @return this
     * @throws IllegalArgumentException if empty, blank or repeated, or set twice
     */
    public BarPlot categories(String... names) {
        if (categories != null) {
            throw new IllegalArgumentException("categories were already set: " + categories);
        }
        if (names.length == 0) {
            throw new IllegalArgumentException("bar plot '" + title + "' needs at least one category");
        }
        for (int i = 0; i < names.length; i++) {
            Plots.checkName("category", names[i]);
            for (int j = 0; j < i; j++) {
                if (names[i].equals(names[j])) {
                    throw new IllegalArgumentException("category '" + names[i] + "' appears twice");
                }
            }
        }
        categories = List.of(names);
        return this;
    }

    /**
     * Adds a series: one value per category; the array is copied.
     *
     * @param name legend entry, unique
     * @param v one finite value per category (&gt; 0 on a log axis)
     * @return this
     * @throws IllegalArgumentException if categories are not set, the length differs, the name is
     *     blank or taken, or a value is not finite
     */
    public BarPlot series(String name, double[] v) {
        Plots.checkName("series", name);
        if (categories == null) {
            throw new IllegalArgumentException("set the categories before adding series '" + name + "'");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("series '" + name + "' was already added");
        }
        if (v.length != categories.size()) {
            throw new IllegalArgumentException("series '" + name + "' has " + v.length + " values but there are "
                    + categories.size() + " categories " + categories);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("series '" + name + "': value for '" + categories.get(i) + "' is "
                        + v[i] + "; bars need finite values");
            }
        }
        names.add(name);
        values.add(v.clone());
        return this;
    }

    /**
     * Renders to a PNG file, written atomically.
     *
     * @param file the PNG file to create or replace
     * @param width pixels, 50–10000
     * @param height pixels, 50–10000
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if there is no series, or a log axis meets a value ≤ 0
     */
    public void writePng(Path file, int width, int height) throws IOException {
        Plots.writePng(build(width, height), file);
    }

    CategoryChart build(int width, int height) {
        Plots.checkSize(width, height);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("bar plot '" + title + "' has no series");
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendVisible(values.size() > 1);
        chart.getStyler().setYAxisLogarithmic(logY);
        // Labels wider than their bar's slot would run into each other: slant them (about 7 px per character at 12 pt).
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        double slot = 0.8 * width / Math.max(1, categories.size());
        if (longest * 7.5 > slot) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        if (logY) {
            // XChart starts bars at 0, which a log axis cannot show: start at the decade below the least value.
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double[] v : values) {
                for (double d : v) {
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
            }
            if (min > 0) {
                chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
                chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max) + 1e-9)));
            }
        }
        for (int s = 0; s < values.size(); s++) {
            double[] v = values.get(s);
            if (logY) {
                for (int i = 0; i < v.length; i++) {
                    if (!(v[i] > 0)) {
                        throw new IllegalArgumentException("series '" + names.get(s) + "': value for '"
                                + categories.get(i) + "' is " + v[i] + "; a log axis needs values > 0");
                    }
                }
            }
            List<Double> ys = new ArrayList<>(v.length);
            for (double d : v) {
                ys.add(d);
            }
            CategorySeries cs = chart.addSeries(names.get(s), categories, ys);
            cs.setFillColor(Plots.color(s));
        }
        return chart;
    }

    @Override
    public String toString() {
        return "BarPlot[" + title + ", categories=" + categories + ", series=" + names + ", values="
                + values.stream().map(Arrays::toString).toList() + "]";
    }
}
