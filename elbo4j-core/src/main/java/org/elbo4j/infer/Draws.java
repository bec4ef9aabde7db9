package org.elbo4j.infer;

import java.util.List;

/**
 * Draws from a fitted guide on the constrained scale, flattened to named scalars ({@code theta[1]} …, row-major
 * within a site; 1-based as Stan), with log p(x, θ) and log q(θ) of each draw for PSIS.
 *
 * @param names  the scalar names: latent sites in model order, then deterministic sites
 * @param values [draws][names]
 * @param logP   log p(x, θ_s)
 * @param logQ   log q(θ_s)
 */
public record Draws(List<String> names, double[][] values, double[] logP, double[] logQ) {
    /** Number of draws. */
    public int size() { return values.length; }

    /** The column of {@code name}. */
    public double[] column(String name) {
        int j = names.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("no quantity named '" + name + "'; known: " + names);
        double[] c = new double[values.length];
        for (int i = 0; i < values.length; i++) c[i] = values[i][j];
        return c;
    }

    /** log p − log q per draw. */
    public double[] logRatios() {
        double[] r = new double[logP.length];
        for (int i = 0; i < r.length; i++) r[i] = logP[i] - logQ[i];
        return r;
    }
}
