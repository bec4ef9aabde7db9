package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.diag.Psis;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.FitResult;
import org.elbo4j.infer.Pathfinder;
import org.elbo4j.infer.Restart;
import org.elbo4j.infer.Verdict;

/**
 * The accuracy of one fit against a reference posterior: per parameter the reference mean and sd, the fit's mean
 * and sd from draws of q, the error of the mean in reference sds z = |mean − ref mean| / ref sd, the sd ratio
 * sd / ref sd, and the same z for the PSIS-corrected mean; per posterior the worst of each and k̂.
 *
 * @param posterior the posterior's name
 * @param model     the built-in model
 * @param guide     meanfield or fullrank
 * @param rows      one per reference parameter, in the reference's order
 * @param khat      Pareto k̂ of the draws' importance ratios
 * @param elbo      the ELBO estimated from the draws (mean of log p − log q)
 * @param seconds   wall time of the fit (all runs)
 * @param steps     SVI steps (all runs)
 * @param runElbos  the final ELBO of each run of the recipe (NaN for a failed run)
 * @param draws     number of draws behind the summaries
 * @param start     how the kept run started (Laplace or plain ADVI)
 * @param family    the guide family of the answer (differs from {@code guide} after escalation)
 * @param verdict   the recipe's verdict on the answer: "trusted" or "not trusted"
 * @param reasons   why not trusted (empty when trusted)
 * @param gradients gradient evaluations of log p (all runs, all families)
 * @param restarts  every restart of every family, one line each (failed and unconverged ones included)
 */
record Accuracy(
        String posterior,
        String model,
        String guide,
        List<Row> rows,
        double khat,
        double elbo,
        double seconds,
        long steps,
        double[] runElbos,
        int draws,
        String start,
        String family,
        String verdict,
        List<String> reasons,
        long gradients,
        List<String> restarts) {

    /** One parameter. */
    record Row(
            String name,
            double refMean,
            double refSd,
            double mean,
            double sd,
            double z,
            double sdRatio,
            double psisZ) {}

    /**
     * Compares draws with the reference.
     *
     * @throws IllegalArgumentException naming the parameter when the draws lack one the reference reports
     */
    static Accuracy of(Posterior p, String guide, FitResult fit) {
        FitResult.Attempt answer = fit.chosen();
        double[] runElbos =
                answer.restarts().stream().mapToDouble(Restart::elbo).toArray();
        List<String> restarts = new ArrayList<>();
        for (FitResult.Attempt at : fit.attempts()) {
            for (Restart r : at.restarts()) {
                restarts.add(FitReport.familyName(r.family()) + " " + r.describe());
            }
        }
        return of(
                p,
                guide,
                fit.draws(),
                fit.seconds(),
                fit.steps(),
                runElbos,
                answer.restarts().get(answer.chosen()).start(),
                FitReport.familyName(answer.family()),
                fit.verdict(),
                fit.gradientEvaluations(),
                restarts);
    }

    /** Pathfinder's answer: its resampled draws, the verdict on the pooled ones. */
    static Accuracy of(Posterior p, Pathfinder.Result r) {
        List<String> paths = r.paths().stream().map(Pathfinder.Path::describe).toList();
        double[] elbos = r.paths().stream().mapToDouble(Pathfinder.Path::elbo).toArray();
        return of(
                p,
                "pathfinder",
                r.draws(),
                r.seconds(),
                0,
                elbos,
                "Pathfinder",
                "pathfinder",
                r.verdict(),
                r.gradientEvaluations(),
                paths);
    }

    /**
     * Compares draws with the reference; k̂ and the PSIS-corrected means come from {@code d}'s own ratios (for
     * resampled draws, whose ratios are their proposal's, k̂ is the verdict's).
     */
    static Accuracy of(
            Posterior p,
            String guide,
            Draws d,
            double seconds,
            long steps,
            double[] runElbos,
            String start,
            String family,
            Verdict verdict,
            long gradients,
            List<String> restarts) {
        Psis.Result k = Psis.smooth(d.logRatios());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : p.reference().entrySet()) {
            String name = e.getKey();
            if (!d.names().contains(name)) {
                throw new IllegalArgumentException(p.dir() + "/reference.json reports '" + name + "', which model '"
                        + p.model().name() + "' does not produce; it produces " + d.names());
            }
            double[] col = d.column(name);
            double mean = 0;
            for (double v : col) {
                mean += v;
            }
            mean /= col.length;
            double ss = 0;
            for (double v : col) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (col.length - 1));
            double refMean = e.getValue()[0], refSd = e.getValue()[1];
            double psisMean = k.expectation(col);
            rows.add(new Row(
                    name,
                    refMean,
                    refSd,
                    mean,
                    sd,
                    Math.abs(mean - refMean) / refSd,
                    sd / refSd,
                    Math.abs(psisMean - refMean) / refSd));
        }
        double elbo = 0;
        for (double w : d.logRatios()) {
            elbo += w / d.size();
        }
        double khat = guide.equals("pathfinder") ? verdict.khat() : k.k();
        return new Accuracy(
                p.name(),
                p.model().name(),
                guide,
                List.copyOf(rows),
                khat,
                elbo,
                seconds,
                steps,
                runElbos,
                d.size(),
                start,
                family,
                verdict.label(),
                verdict.reasons(),
                gradients,
                List.copyOf(restarts));
    }

    /** True when the verdict is "trusted". */
    boolean trusted() {
        return verdict.equals("trusted");
    }

    /** The row with the largest z. */
    Row worstMean() {
        Row w = rows.get(0);
        for (Row r : rows) {
            if (r.z() > w.z()) {
                w = r;
            }
        }
        return w;
    }

    /** The smallest sd ratio. */
    Row minSdRatio() {
        Row w = rows.get(0);
        for (Row r : rows) {
            if (r.sdRatio() < w.sdRatio()) {
                w = r;
            }
        }
        return w;
    }

    /** The largest sd ratio. */
    Row maxSdRatio() {
        Row w = rows.get(0);
        for (Row r : rows) {
            if (r.sdRatio() > w.sdRatio()) {
                w = r;
            }
        }
        return w;
    }

    /** The largest PSIS-corrected z. */
    double worstPsisZ() {
        double m = 0;
        for (Row r : rows) {
            m = Math.max(m, r.psisZ());
        }
        return m;
    }

    /**
     * True when the answer is wrong — a mean off by more than {@code zLimit} sds, or an sd outside [0.5, 2] × the
     * reference — and the verdict still says "trusted".
     */
    boolean silentFailure(double zLimit) {
        boolean wrong = worstMean().z() > zLimit
                || minSdRatio().sdRatio() < 0.5
                || maxSdRatio().sdRatio() > 2;
        return wrong && trusted();
    }

    /** True when the answer meets the accuracy a trusted answer promises: worst z ≤ 0.1, every sd in [0.8, 1.25]. */
    boolean accurate() {
        return worstMean().z() <= 0.1
                && minSdRatio().sdRatio() >= 0.8
                && maxSdRatio().sdRatio() <= 1.25;
    }
}
