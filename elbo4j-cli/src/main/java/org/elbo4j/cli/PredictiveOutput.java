package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.elbo4j.cli.io.CmdStanCsv;
import org.elbo4j.cli.plot.LinePlot;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Predictive;
import org.elbo4j.tensor.Tensor;

/**
 * {@code fit --predictive N}: posterior predictive draws of the model's observed sites, at the fit's posterior draws
 * ({@link Predictive}), written as predictive.csv (CmdStan column names, one row per draw) and predictive.png (the
 * observed data against the predictive median and 90% interval of each replicated value).
 */
final class PredictiveOutput {
    private PredictiveOutput() {}

    /** The most columns drawn in predictive.png (all are in the CSV). */
    static final int PLOTTED = 200;

    /**
     * Writes predictive.csv and predictive.png into {@code dir}, each atomically.
     *
     * @param posterior the fit's posterior draws (latent sites by their model names)
     * @return what was written, for the "wrote" line
     */
    static String write(Path dir, String modelName, Model model, Draws posterior, int n, long seed) throws IOException {
        Predictive p = Predictive.of(model, posterior).observedSites();
        Predictive.Samples rep = p.sample(n, seed);
        if (rep.names().isEmpty()) {
            throw new IllegalArgumentException(
                    "--predictive: model " + modelName + " observes no data, so there is nothing to replicate");
        }
        List<CmdStanCsv.Variable> vars = new ArrayList<>();
        for (Draws.Quantity q : rep.quantities()) vars.add(new CmdStanCsv.Variable(q.name(), q.dims()));
        CmdStanCsv.writeColumns(
                dir.resolve("predictive.csv"),
                List.of(
                        "model = " + modelName,
                        "method = posterior predictive (observed sites replicated at each posterior draw)",
                        "draws = " + n,
                        "posterior_draws = " + posterior.size(),
                        "seed = " + seed,
                        "producer = elbo4j " + VersionProvider.version()),
                vars,
                rep.values());
        Map<String, Tensor> data = p.observedData();
        int cols = Math.min(PLOTTED, rep.names().size());
        double[] x = new double[cols], lo = new double[cols], med = new double[cols], hi = new double[cols];
        double[] obs = new double[cols];
        int j = 0;
        for (Tensor t : data.values()) {
            for (int e = 0; e < t.size() && j < cols; e++, j++) obs[j] = t.at(e);
        }
        for (int c = 0; c < cols; c++) {
            double[] v = rep.column(rep.names().get(c));
            Arrays.sort(v);
            x[c] = c + 1;
            lo[c] = quantile(v, 0.05);
            med[c] = quantile(v, 0.5);
            hi[c] = quantile(v, 0.95);
        }
        LinePlot.titled(modelName + ": posterior predictive check (" + n + " draws)")
                .xLabel("observed value (column of predictive.csv)")
                .yLabel("value")
                .series("observed", x, obs)
                .series("predictive median", x, med)
                .series("predictive 5%", x, lo)
                .series("predictive 95%", x, hi)
                .writePng(dir.resolve("predictive.png"), 800, 500);
        return "predictive.csv (" + rep.names().size() + " columns), predictive.png";
    }

    /** The p-quantile of sorted values (linear interpolation, R's type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
