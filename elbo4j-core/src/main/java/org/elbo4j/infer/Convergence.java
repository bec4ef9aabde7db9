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

    /** Records an evaluation; true when the rule says stop. */
    boolean add(double elbo, double se) {
        evals.add(elbo);
        evalSe.add(se);
        int n = evals.size();
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
                int w = stop.window;
                if (n < 2 * w) return false;
                double a = 0, b = 0, va = 0, vb = 0;
                for (int i = n - 2 * w; i < n - w; i++) a += evals.get(i);
                for (int i = n - w; i < n; i++) b += evals.get(i);
                a /= w;
                b /= w;
                for (int i = n - 2 * w; i < n - w; i++) va += sq(evals.get(i) - a);
                for (int i = n - w; i < n; i++) vb += sq(evals.get(i) - b);
                // SE of a difference of two window means, from the spread within the windows (which holds both the
                // Monte Carlo error of each evaluation and the drift) — conservative against stopping early.
                double seDiff = Math.sqrt(va / (w - 1) / w + vb / (w - 1) / w);
                return b - a < stop.tol * seDiff;
            }
            default -> {
                return false;
            }
        }
    }

    private static double sq(double x) { return x * x; }
}
