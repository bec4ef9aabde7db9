package org.elbo4j.infer;

import java.util.List;

/**
 * Draws from a fitted guide on the constrained scale, flattened to named scalars ({@code theta[1]} …, row-major
 * within a site; 1-based as Stan), with log p(x, θ) and log q(θ) of each draw for PSIS.
 *
 * @param quantities the sites behind the columns, with their shapes, in column order
 * @param names  the scalar names: latent and deterministic sites in model order
 * @param values [draws][names]
 * @param logP   log p(x, θ_s)
 * @param logQ   log q(θ_s)
 */
public record Draws(List<Quantity> quantities, List<String> names, double[][] values, double[] logP, double[] logQ) {
    /** A site behind some columns: its name and shape (row-major flattening). */
    public record Quantity(String name, int[] dims, boolean deterministic) {}

    /** The column means. */
    public double[] means() {
        double[] m = new double[names.size()];
        for (double[] row : values) for (int j = 0; j < m.length; j++) m[j] += row[j];
        for (int j = 0; j < m.length; j++) m[j] /= values.length;
        return m;
    }

    /** Number of draws. */
    public int size() {
        return values.length;
    }

    /** The column of {@code name}. */
    public double[] column(String name) {
        int j = names.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("no quantity named '" + name + "'; known: " + names);
        double[] c = new double[values.length];
        for (int i = 0; i < values.length; i++) c[i] = values[i][j];
        return c;
    }

    /**
     * These draws followed by {@code more}'s (the same quantities).
     *
     * @throws IllegalArgumentException if the quantities' names differ
     */
    public Draws concat(Draws more) {
        if (!names.equals(more.names))
            throw new IllegalArgumentException("cannot join draws of " + names + " and of " + more.names);
        int n = values.length, k = more.values.length;
        double[][] v = java.util.Arrays.copyOf(values, n + k);
        System.arraycopy(more.values, 0, v, n, k);
        double[] p = java.util.Arrays.copyOf(logP, n + k), q = java.util.Arrays.copyOf(logQ, n + k);
        System.arraycopy(more.logP, 0, p, n, k);
        System.arraycopy(more.logQ, 0, q, n, k);
        return new Draws(quantities, names, v, p, q);
    }

    /** log p − log q per draw. */
    public double[] logRatios() {
        double[] r = new double[logP.length];
        for (int i = 0; i < r.length; i++) r[i] = logP[i] - logQ[i];
        return r;
    }
}
