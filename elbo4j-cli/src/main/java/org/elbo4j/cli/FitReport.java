package org.elbo4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.cli.io.AtomicFiles;
import org.elbo4j.cli.io.CmdStanCsv;
import org.elbo4j.cli.plot.LinePlot;
import org.elbo4j.diag.Psis;
import org.elbo4j.diag.Summary;
import org.elbo4j.infer.Draws;
import org.elbo4j.infer.Fit;

/** What {@code fit} (and {@code check}) print and write: the summary table, k̂, summary.json, draws.csv, elbo.png. */
final class FitReport {
  private FitReport() {}

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static void printTable(PrintWriter out, List<Summary.Row> rows) {
    int w = 8;
    for (Summary.Row r : rows) {
      w = Math.max(w, r.name().length());
    }
    out.printf(Locale.ROOT, "%-" + w + "s %10s %10s %10s %10s %10s%n", "", "mean", "sd", "5%", "50%", "95%");
    for (Summary.Row r : rows) {
      out.printf(Locale.ROOT, "%-" + w + "s %10.4g %10.4g %10.4g %10.4g %10.4g%n",
          r.name(), r.mean(), r.sd(), r.q05(), r.q50(), r.q95());
    }
  }

  static String khatLine(Psis.Result k) {
    return khatLine(k, false);
  }

  static String khatLine(Psis.Result k, boolean fullRank) {
    String advice = switch (k.verdict()) {
      case "good" -> "the approximation is close enough for importance sampling to be reliable";
      case "ok" -> "usable; PSIS-corrected estimates are more reliable than the raw ones";
      default -> "q is NOT a trustworthy approximation of the posterior: treat these numbers with suspicion"
          + (fullRank ? " (the posterior is not close to Gaussian on the unconstrained scale: try a"
              + " reparameterized model, or MCMC)" : " (try --guide fullrank, or MCMC)");
    };
    String kv = k.k() == Double.NEGATIVE_INFINITY ? "-inf (q = p to rounding)" : String.format(Locale.ROOT, "%.2f", k.k());
    return String.format(Locale.ROOT, "Pareto k-hat = %s (%s): %s", kv, k.verdict(), advice);
  }

  static ObjectNode summaryJson(String model, Map<String, Object> settings, Fit fit, List<Summary.Row> rows,
      Psis.Result k) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", model);
    ObjectNode s = root.putObject("settings");
    settings.forEach((key, v) -> s.put(key, String.valueOf(v)));
    ObjectNode r = root.putObject("result");
    r.put("steps", fit.steps());
    r.put("converged", fit.converged());
    r.put("seconds", fit.seconds());
    r.put("elbo", fit.finalElbo());
    r.put("recoveries", fit.recoveries());
    if (!Double.isNaN(fit.adaptedEta())) {
      r.put("adapted_eta", fit.adaptedEta());
    }
    r.put("pareto_k", k.k());
    r.put("pareto_k_verdict", k.verdict());
    ArrayNode ps = root.putArray("parameters");
    for (Summary.Row row : rows) {
      ObjectNode p = ps.addObject();
      p.put("name", row.name());
      p.put("mean", row.mean());
      p.put("sd", row.sd());
      p.put("q05", row.q05());
      p.put("q50", row.q50());
      p.put("q95", row.q95());
    }
    return root;
  }

  /** Writes summary.json, draws.csv and elbo.png into {@code dir} (created if needed), each atomically. */
  static void write(Path dir, String model, Map<String, Object> settings, Fit fit, Draws draws,
      List<Summary.Row> rows, Psis.Result k, String algorithm) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("summary.json"),
        JSON.writeValueAsString(summaryJson(model, settings, fit, rows, k)) + "\n");
    List<CmdStanCsv.Variable> vars = new ArrayList<>();
    for (Draws.Quantity q : draws.quantities()) {
      vars.add(new CmdStanCsv.Variable(q.name(), q.dims()));
    }
    CmdStanCsv.Run run = new CmdStanCsv.Run(model, algorithm, stringify(settings), fit.learningRate(), fit.seed(),
        String.valueOf(settings.getOrDefault("data", "default")), "elbo4j " + VersionProvider.version());
    CmdStanCsv.write(dir.resolve("draws.csv"), run, vars, draws.means(), draws.values(), draws.logP(), draws.logQ());
    double[] trace = fit.elboTrace();
    if (trace.length >= 2) {
      LinePlot p = LinePlot.titled(model + ": ELBO by step").xLabel("step").yLabel("ELBO (nats)")
          .series("per-step estimate", smooth(trace));
      List<double[]> ev = fit.evaluations();
      if (ev.size() >= 2) {
        double[] x = new double[ev.size()];
        double[] y = new double[ev.size()];
        for (int i = 0; i < x.length; i++) {
          x[i] = ev.get(i)[0];
          y[i] = ev.get(i)[1];
        }
        p.series("evaluation", x, y);
      }
      p.writePng(dir.resolve("elbo.png"), 800, 500);
    }
  }

  /** A centred moving average over a window of 1% of the run (at least 1), so the trend is visible. */
  static double[] smooth(double[] v) {
    int h = Math.max(0, v.length / 200);
    double[] out = new double[v.length];
    double[] prefix = new double[v.length + 1];
    for (int i = 0; i < v.length; i++) {
      prefix[i + 1] = prefix[i] + v[i];
    }
    for (int i = 0; i < v.length; i++) {
      int lo = Math.max(0, i - h);
      int hi = Math.min(v.length, i + h + 1);
      out[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
    }
    return out;
  }

  private static Map<String, String> stringify(Map<String, Object> m) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (!k.equals("data")) {
        out.put(k, String.valueOf(v));
      }
    });
    return out;
  }
}
