package org.elbo4j.cli.plot;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter plot written as PNG, with points coloured by group and optional covariance ellipses:
 * data coloured by the cluster CAVI assigns, with each component's mean and covariance drawn as
 * the ellipse {x : (x − m)ᵀ Σ⁻¹ (x − m) = k²} (k = 2 holds about 86 % of a 2-D Gaussian's mass).
 *
 * <p>The ellipse comes from the eigen-decomposition Σ = R diag(λ₁, λ₂) Rᵀ:
 * x(t) = m + k R (√λ₁ cos t, √λ₂ sin t), with R the rotation by θ = ½ atan2(2σ₁₂, σ₁₁ − σ₂₂).
 *
 * <pre>{@code
 * ScatterPlot.titled("Gaussian mixture, CAVI").xLabel("x1").yLabel("x2")
 *     .points(x1, x2, clusterOfPoint)                     // groups "cluster 0", "cluster 1", ...
 *     .ellipse("cluster 0", mean0, cov0, 2.0)
 *     .writePng(dir.resolve("cavi.png"), 700, 600);
 * }</pre>
 */
public final class ScatterPlot {

    private static final int ELLIPSE_POINTS = 121;

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private final Map<String, double[][]> groups = new LinkedHashMap<>();
    private final List<Ellipse> ellipses = new ArrayList<>();

    private record Ellipse(String group, double[] x, double[] y) {}

    private ScatterPlot(String title) {
        Plots.init();
        this.title = title == null ? "" : title;
    }

    /**
     * @param title the chart title ("" for none)
     * @return an empty plot
     */
    public static ScatterPlot titled(String title) {
        return new ScatterPlot(title);
    }

    /** @return this, with the x-axis label set */
    public ScatterPlot xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    /** @return this, with the y-axis label set */
    public ScatterPlot yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /**
     * Adds a group of points in one colour; the arrays are copied.
     *
     * @param name legend entry, unique
     * @param x abscissae, finite
     * @param y ordinates, finite, same length
     * @return this
     * @throws IllegalArgumentException if the name is blank or taken, the group is empty, the
     *     lengths differ, or a coordinate is not finite
     */
    public ScatterPlot group(String name, double[] x, double[] y) {
        Plots.checkName("group", name);
        if (groups.containsKey(name)) {
            throw new IllegalArgumentException("group '" + name + "' was already added");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "group '" + name + "': x has " + x.length + " values but y has " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("group '" + name + "' is empty");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        "group '" + name + "': point " + i + " = (" + x[i] + ", " + y[i] + ") is not finite");
            }
        }
        groups.put(name, new double[][] {x.clone(), y.clone()});
        return this;
    }

    /**
     * Adds points coloured by an integer label each: one group per distinct label, named
     * {@code "cluster <label>"}, in increasing label order.
     *
     * @param x abscissae, finite
     * @param y ordinates, finite, same length
     * @param labels one label per point, same length
     * @return this
     * @throws IllegalArgumentException if the lengths differ, there are no points, or a group
     *     name is taken
     */
    public ScatterPlot points(double[] x, double[] y, int[] labels) {
        if (x.length != y.length || x.length != labels.length) {
            throw new IllegalArgumentException("points: x, y and labels must have one entry per point: " + x.length
                    + ", " + y.length + ", " + labels.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("points: no points");
        }
        Map<Integer, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
            List<Integer> idx = e.getValue();
            double[] gx = new double[idx.size()];
            double[] gy = new double[idx.size()];
            for (int j = 0; j < gx.length; j++) {
                gx[j] = x[idx.get(j)];
                gy[j] = y[idx.get(j)];
            }
            group("cluster " + e.getKey(), gx, gy);
        }
        return this;
    }

    /**
     * Adds the k-sigma ellipse of a 2-D Gaussian, drawn in the colour of {@code group}.
     *
     * @param group the group it belongs to (added before or after)
     * @param mean length 2
     * @param cov 2 × 2, symmetric positive definite
     * @param k the Mahalanobis radius, &gt; 0 (2 holds ≈ 86 % of the mass)
     * @return this
     * @throws IllegalArgumentException if a shape is wrong, a value is not finite, cov is not
     *     symmetric positive definite, or k ≤ 0
     */
    public ScatterPlot ellipse(String group, double[] mean, double[][] cov, double k) {
        Plots.checkName("group", group);
        if (mean.length != 2 || cov.length != 2 || cov[0].length != 2 || cov[1].length != 2) {
            throw new IllegalArgumentException(
                    "ellipse '" + group + "': mean must have length 2 and cov be" + " 2 × 2");
        }
        double a = cov[0][0];
        double b = cov[0][1];
        double c = cov[1][1];
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("ellipse '" + group + "': radius k must be > 0: " + k);
        }
        if (!Double.isFinite(mean[0]) || !Double.isFinite(mean[1])) {
            throw new IllegalArgumentException(
                    "ellipse '" + group + "': mean is not finite: (" + mean[0] + ", " + mean[1] + ")");
        }
        // Relative tolerance for symmetry: covariances computed in floating point differ in the last bits.
        if (!(Math.abs(b - cov[1][0]) <= 1e-9 * (Math.abs(b) + Math.abs(cov[1][0]) + Double.MIN_NORMAL))) {
            throw new IllegalArgumentException(
                    "ellipse '" + group + "': cov is not symmetric: " + b + " vs " + cov[1][0]);
        }
        if (!(a > 0) || !(c > 0) || !(a * c - b * b > 0) || !Double.isFinite(a * c)) {
            throw new IllegalArgumentException("ellipse '" + group + "': cov [[" + a + ", " + b + "], [" + cov[1][0]
                    + ", " + c + "]] is not positive definite");
        }
        double half = (a + c) / 2;
        double r = Math.hypot((a - c) / 2, b);
        double l1 = half + r;
        double l2 = Math.max(half - r, 0);
        double theta = 0.5 * Math.atan2(2 * b, a - c);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double[] ex = new double[ELLIPSE_POINTS];
        double[] ey = new double[ELLIPSE_POINTS];
        for (int i = 0; i < ELLIPSE_POINTS; i++) {
            double t = 2 * Math.PI * i / (ELLIPSE_POINTS - 1);
            double u = k * Math.sqrt(l1) * Math.cos(t);
            double v = k * Math.sqrt(l2) * Math.sin(t);
            ex[i] = mean[0] + cos * u - sin * v;
            ey[i] = mean[1] + sin * u + cos * v;
        }
        ellipses.add(new Ellipse(group, ex, ey));
        return this;
    }

    /**
     * Renders to a PNG file, written atomically.
     *
     * @param file the PNG file to create or replace
     * @param width pixels, 50–10000
     * @param height pixels, 50–10000
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if there are no points, or an ellipse names an unknown group
     */
    public void writePng(Path file, int width, int height) throws IOException {
        Plots.writePng(build(width, height), file);
    }

    /**
     * The inside corner with the fewest points in its outer 35 % × 35 % of the data's range, so that the legend covers
     * as little data as possible (ties: NE, NW, SE, SW).
     */
    org.knowm.xchart.style.Styler.LegendPosition emptiestCorner() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (double[][] xy : groups.values()) {
            for (int i = 0; i < xy[0].length; i++) {
                x0 = Math.min(x0, xy[0][i]);
                x1 = Math.max(x1, xy[0][i]);
                y0 = Math.min(y0, xy[1][i]);
                y1 = Math.max(y1, xy[1][i]);
            }
        }
        int[] count = new int[4]; // NE, NW, SE, SW
        double fx = 0.35 * (x1 - x0), fy = 0.35 * (y1 - y0);
        for (double[][] xy : groups.values()) {
            for (int i = 0; i < xy[0].length; i++) {
                boolean east = xy[0][i] >= x1 - fx, west = xy[0][i] <= x0 + fx;
                boolean north = xy[1][i] >= y1 - fy, south = xy[1][i] <= y0 + fy;
                count[0] += east && north ? 1 : 0;
                count[1] += west && north ? 1 : 0;
                count[2] += east && south ? 1 : 0;
                count[3] += west && south ? 1 : 0;
            }
        }
        int best = 0;
        for (int c = 1; c < 4; c++) {
            if (count[c] < count[best]) {
                best = c;
            }
        }
        return switch (best) {
            case 0 -> org.knowm.xchart.style.Styler.LegendPosition.InsideNE;
            case 1 -> org.knowm.xchart.style.Styler.LegendPosition.InsideNW;
            case 2 -> org.knowm.xchart.style.Styler.LegendPosition.InsideSE;
            default -> org.knowm.xchart.style.Styler.LegendPosition.InsideSW;
        };
    }

    XYChart build(int width, int height) {
        Plots.checkSize(width, height);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("scatter plot '" + title + "' has no points");
        }
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        Plots.style(chart.getStyler());
        chart.getStyler().setLegendVisible(groups.size() > 1);
        chart.getStyler().setLegendPosition(emptiestCorner());
        chart.getStyler().setMarkerSize(5);
        List<String> order = new ArrayList<>(groups.keySet());
        for (int g = 0; g < order.size(); g++) {
            double[][] xy = groups.get(order.get(g));
            XYSeries s = chart.addSeries(order.get(g), xy[0], xy[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Plots.color(g));
        }
        for (int e = 0; e < ellipses.size(); e++) {
            Ellipse el = ellipses.get(e);
            int g = order.indexOf(el.group);
            if (g < 0) {
                throw new IllegalArgumentException("ellipse for group '" + el.group + "' but the groups are " + order);
            }
            XYSeries s = chart.addSeries(el.group + " ellipse " + (e + 1), el.x, el.y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Plots.color(g).darker());
            s.setLineStyle(new BasicStroke(2f));
            s.setShowInLegend(false);
        }
        return chart;
    }
}
