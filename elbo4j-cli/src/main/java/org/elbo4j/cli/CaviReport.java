package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.elbo4j.cavi.Cavi;
import org.elbo4j.cavi.CaviFit;
import org.elbo4j.cli.plot.LinePlot;

/** What the {@code cavi} commands share: the ELBO-per-sweep table, the elbo.png plot, JSON pieces. */
final class CaviReport {
    private CaviReport() {}

    /**
     * Prints the ELBO of every sweep (sweep 0 is the initial q) with its gain; when there are more than {@code show}
     * sweeps, the first {@code show − 10} and the last 10.
     */
    static void printTrace(PrintWriter w, double[] trace, int show) {
        w.printf(Locale.ROOT, "%6s %18s %14s%n", "sweep", "ELBO", "gain");
        int n = trace.length;
        int head = n <= show + 1 ? n : Math.max(1, show - 10);
        for (int t = 0; t < n; t++) {
            if (t == head && n > show + 1) {
                w.printf(
                        Locale.ROOT,
                        "%6s %18s %14s   (%d sweeps not shown; summary.json has them all)%n",
                        "...",
                        "...",
                        "...",
                        n - head - 10);
                t = n - 10;
            }
            if (t == 0) {
                w.printf(Locale.ROOT, "%6d %18.6f%n", t, trace[t]);
            } else {
                w.printf(Locale.ROOT, "%6d %18.6f %14.6g%n", t, trace[t], trace[t] - trace[t - 1]);
            }
        }
    }

    /** "converged after 12 sweeps (ELBO gain < 1e-06)" or "stopped at the budget of 1000 sweeps". */
    static String stopLine(CaviFit<?> fit, Cavi settings) {
        return fit.converged()
                ? String.format(
                        Locale.ROOT,
                        "converged after %d sweeps (ELBO gain < %s)",
                        fit.sweeps(),
                        compact(settings.tolerance()))
                : String.format(
                        Locale.ROOT,
                        "stopped at the budget of %d sweeps (last gain %.3g, not below --tol %s)",
                        fit.sweeps(),
                        gain(fit.elboTrace()),
                        compact(settings.tolerance()));
    }

    /** {@code %.6g} without trailing zeros in the mantissa: 1e-06, 0.01, 100, 2.5. */
    static String compact(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + exponent;
    }

    private static double gain(double[] t) {
        return t.length < 2 ? Double.NaN : t[t.length - 1] - t[t.length - 2];
    }

    /** Time in a readable unit. */
    static String seconds(double s) {
        return s < 1e-3
                ? String.format(Locale.ROOT, "%.0f µs", s * 1e6)
                : s < 1 ? String.format(Locale.ROOT, "%.1f ms", s * 1e3) : String.format(Locale.ROOT, "%.2f s", s);
    }

    /** The fit's ELBO traces, restarts and timing as JSON. */
    static void putFit(ObjectNode node, CaviFit<?> fit, Cavi settings) {
        node.put("elbo", fit.elbo());
        node.put("sweeps", fit.sweeps());
        node.put("converged", fit.converged());
        node.put("seconds", fit.seconds());
        node.put("tolerance", settings.tolerance());
        node.put("max_sweeps", settings.maxSweeps());
        node.put("seed", settings.seed());
        node.put("best_restart", fit.restart() + 1);
        ArrayNode re = node.putArray("restart_elbos");
        for (double e : fit.restartElbos()) {
            re.add(e);
        }
        ArrayNode tr = node.putArray("elbo_trace");
        for (double e : fit.elboTrace()) {
            tr.add(e);
        }
    }

    /**
     * ELBO against sweep for every restart (the best one named so). When the initial ELBO is far below the rest (an
     * initial q from the prior), the plot starts at sweep 1 so that the approach to the optimum stays visible.
     */
    static void writeElboPlot(Path file, String title, CaviFit<?> fit) throws IOException {
        boolean skipFirst = true;
        for (int r = 0; r < fit.restarts(); r++) {
            double[] t = fit.restartTrace(r);
            if (t.length < 3 || !(t[t.length - 1] - t[0] > 10 * (t[t.length - 1] - t[1]))) {
                skipFirst = false;
            }
        }
        int from = skipFirst ? 1 : 0;
        LinePlot p = LinePlot.titled(title)
                .xLabel(skipFirst ? "sweep (sweep 0, the initial q, is off the scale)" : "sweep")
                .yLabel("ELBO (nats)")
                .legendOutside();
        for (int r = 0; r < fit.restarts(); r++) {
            double[] t = fit.restartTrace(r);
            if (t.length <= from) {
                continue;
            }
            double[] x = new double[t.length - from];
            double[] y = new double[t.length - from];
            for (int i = from; i < t.length; i++) {
                x[i - from] = i;
                y[i - from] = t[i];
            }
            String name = fit.restarts() == 1 ? "ELBO" : "restart " + (r + 1) + (r == fit.restart() ? " (best)" : "");
            p.series(name, x, y);
        }
        p.writePng(file, 800, 500);
    }
}
