package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The state of a {@link Stop} rule across ELBO evaluations. */
final class Convergence {
    private final Stop stop;
    private final List<Double> evals = new ArrayList<>();
    private final List<Double> evalSe = new ArrayList<>();
    private final double[] relBuffer;
    private int relCount;

    Convergence(Stop stop) {
        this.stop = stop;
        // Stan: circular buffer of max(0.1·max_iterations/eval_elbo, 2.0) relative changes.
        this.relBuffer = new double[(int) Math.max(2, 0.1 * stop.maxSteps / stop.evalEvery)];
    }

    private double best = Double.NEGATIVE_INFINITY, bestSe;

    /**
     * Records an evaluation; true when the rule says stop. A rule never fires on a non-finite ELBO, nor when the
     * mean of the last (up to 5) evaluations is more than max(1, 4·SE) nats below the best evaluation so far (SE
     * that evaluation's standard error): the run has degraded from a better point, which is divergence, not
     * convergence (a flat trend at an ELBO of −1e154 is no optimum).
     */
    boolean add(double elbo, double se) {
        evals.add(elbo);
        evalSe.add(se);
        int n = evals.size();
        if (Double.isFinite(elbo) && elbo > best) {
            best = elbo;
            bestSe = Double.isFinite(se) ? se : 0;
        }
        if (stop.rule != Stop.Rule.BUDGET && (!Double.isFinite(elbo) || degraded())) return false;
        switch (stop.rule) {
            case RELATIVE -> {
                if (n < 2) return false;
                double prev = evals.get(n - 2);
                double rel = Math.abs((elbo - prev) / elbo);
                relBuffer[relCount % relBuffer.length] = rel;
                relCount++;
                int m = Math.min(relCount, relBuffer.length);
                double[] r = Arrays.copyOf(relBuffer, m);
                double mean = 0;
                for (double v : r) mean += v;
                mean /= m;
                Arrays.sort(r);
                double median = m % 2 == 1 ? r[m / 2] : 0.5 * (r[m / 2 - 1] + r[m / 2]);
                return mean < stop.tol || median < stop.tol;
            }
            case NO_IMPROVEMENT -> {
                // Least-squares slope of the last `window` evaluations against their index, and its standard error
                // from the residuals: stop when the trend is not significantly upward (t = b/SE(b) < z). The
                // residual spread holds the evaluations' Monte Carlo noise, so a slow but real climb (a positive
                // slope estimated precisely) keeps the run going, and a plateau (slope within noise) stops it.
                int w = stop.window;
                if (n < w) return false;
                double mx = (w - 1) / 2.0, my = 0;
                for (int i = n - w; i < n; i++) my += evals.get(i);
                my /= w;
                double sxx = 0, sxy = 0;
                for (int i = 0; i < w; i++) {
                    double dx = i - mx;
                    sxx += dx * dx;
                    sxy += dx * (evals.get(n - w + i) - my);
                }
                double b = sxy / sxx, rss = 0;
                for (int i = 0; i < w; i++) rss += sq(evals.get(n - w + i) - my - b * (i - mx));
                double seB = Math.sqrt(rss / (w - 2) / sxx);
                return !(b > stop.tol * seB) || seB == 0 && b <= 0;
            }
            default -> {
                return false;
            }
        }
    }

    /** The recent evaluations sit far below the best one. */
    private boolean degraded() {
        int n = evals.size(), m = Math.min(n, 5);
        double recent = 0;
        for (int i = n - m; i < n; i++) recent += evals.get(i) / m;
        return !(recent >= best - Math.max(1.0, 4 * bestSe));
    }

    private static double sq(double x) {
        return x * x;
    }
}
