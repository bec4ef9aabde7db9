package org.elbo4j.diag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Posterior summaries of draws: mean, standard deviation and the 5%, 50% and 95% quantiles (type 7, as R's
 * default and NumPy's "linear") of each named scalar.
 */
public final class Summary {
    private Summary() {}

    /** One row. */
    public record Row(String name, double mean, double sd, double q05, double q50, double q95) {}

    /**
     * @param names  one per column
     * @param draws  [n][columns]
     * @throws IllegalArgumentException if the widths differ or there are fewer than 2 draws
     */
    public static List<Row> of(List<String> names, double[][] draws) {
        if (draws.length < 2)
            throw new IllegalArgumentException("summary: needs at least 2 draws, got " + draws.length);
        List<Row> rows = new ArrayList<>();
        double[] col = new double[draws.length];
        for (int j = 0; j < names.size(); j++) {
            for (int i = 0; i < draws.length; i++) {
                if (draws[i].length != names.size()) {
                    throw new IllegalArgumentException("summary: draw " + i + " has " + draws[i].length + " values for "
                            + names.size() + " names");
                }
                col[i] = draws[i][j];
            }
            rows.add(row(names.get(j), col));
        }
        return rows;
    }

    /** The row of one column of values. */
    public static Row row(String name, double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double[] s = values.clone();
        Arrays.sort(s);
        return new Row(name, mean, Math.sqrt(ss / (n - 1)), quantile(s, 0.05), quantile(s, 0.5), quantile(s, 0.95));
    }

    /** Type-7 quantile of sorted values. */
    public static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
