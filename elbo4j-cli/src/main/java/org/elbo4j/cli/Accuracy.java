package org.elbo4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elbo4j.diag.Psis;
import org.elbo4j.infer.Draws;

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
 */
record Accuracy(String posterior, String model, String guide, List<Row> rows, double khat, double elbo,
    double seconds, long steps, double[] runElbos, int draws, String start) {

  /** One parameter. */
  record Row(String name, double refMean, double refSd, double mean, double sd, double z, double sdRatio,
      double psisZ) {}

  /**
   * Compares draws with the reference.
   *
   * @throws IllegalArgumentException naming the parameter when the draws lack one the reference reports
   */
  static Accuracy of(Posterior p, String guide, Draws d, RobustFit.Result fit) {
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
      rows.add(new Row(name, refMean, refSd, mean, sd, Math.abs(mean - refMean) / refSd, sd / refSd,
          Math.abs(psisMean - refMean) / refSd));
    }
    double elbo = 0;
    for (double w : d.logRatios()) {
      elbo += w / d.size();
    }
    return new Accuracy(p.name(), p.model().name(), guide, List.copyOf(rows), k.k(), elbo, fit.seconds(), fit.steps(),
        fit.elbos(), d.size(), fit.start());
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

  /** True when the answer is off by more than {@code zLimit} sds and k̂ does not warn (k̂ ≤ 0.7). */
  boolean silentFailure(double zLimit) {
    return worstMean().z() > zLimit && !(khat > 0.7);
  }
}
