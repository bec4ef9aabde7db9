package org.elbo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;
import org.elbo4j.cli.plot.BarPlot;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.ElboEstimator;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.GradientVariance;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.ParamStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j gradients MODEL}: the variance of each ELBO gradient estimator at one point of the guide's
 * parameters, from independent replicates, as a table and a log-scale bar chart.
 */
@Command(
        name = "gradients",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Measure the variance of each ELBO gradient estimator on a model; plot it.",
        description = {
            "Measure the variance of ELBO gradient estimators (pathwise vs score function, ...) on a model,",
            "at the guide's parameters after a short fit, and plot it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j gradients normal_normal --replicates 2000 --out runs/grads",
            "  elbo4j gradients discrete_plate --estimators score,score-rb -L 1 --fit-steps 0"
        })
final class GradientsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "A built-in model; 'elbo4j models' lists them.")
    String modelName;

    @Option(names = "--data", paramLabel = "FILE", description = "Stan JSON data (default: the model's own data).")
    Path data;

    @Option(
            names = "--estimators",
            split = ",",
            paramLabel = "LIST",
            defaultValue = "reparam,entropy,stl,score,score-mean,score-loo",
            description =
                    "Comma-separated estimators; the first is the reference of the ratios (default: ${DEFAULT-VALUE}). "
                            + "Also: score-rb, score-rb-mean, score-rb-loo, reparam-rb (Rao-Blackwellised by plate),"
                            + " kl, iwae.")
    List<String> estimators;

    @Option(
            names = {"--samples", "-L"},
            defaultValue = "4",
            description = "Particles per estimate (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--replicates",
            defaultValue = "1000",
            description = "Independent gradients per estimator (default: ${DEFAULT-VALUE}).")
    int replicates;

    @Option(
            names = "--fit-steps",
            defaultValue = "2000",
            description =
                    "Steps of a reparameterized fit before measuring, 0 = at the initial values (default: ${DEFAULT-VALUE}).")
    long fitSteps;

    @Option(
            names = "--guide",
            defaultValue = "meanfield",
            description = "meanfield or fullrank (default: ${DEFAULT-VALUE}); a model with a hand-written guide"
                    + " (discrete_plate) uses that.")
    FitCommand.GuideKind guide;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write gradients.png and gradients.json here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Usage.atLeast("--replicates", replicates, 2);
        Usage.atLeast("--samples", samples, 1);
        Usage.atLeast("--fit-steps", fitSteps, 0);
        BuiltinModel bm = Usage.parse("MODEL", modelName, Models::get);
        for (String e : estimators) {
            Usage.parse("--estimators", e.trim(), n -> Elbo.byName(n, samples));
        }
        OutputDir.prepare("--out", out);
        PrintWriter w = spec.commandLine().getOut();
        StanJsonData d = data == null ? Models.defaultData(bm) : StanJsonData.read(data);
        Model model = bm.build(d);
        Model handWritten = bm.guide(d);
        Model g = handWritten != null
                ? handWritten
                : AutoGuide.of(
                        model,
                        FitCommand.family(guide),
                        org.elbo4j.infer.FitSettings.defaults().rank());
        ParamStore point = new ParamStore();
        if (fitSteps > 0) {
            Fit fit = Svi.of(model, g).optimizer(Adam.of(0.05)).seed(seed).run(Stop.after(fitSteps));
            point = fit.params();
        }
        List<ElboEstimator> ests = new ArrayList<>();
        for (String e : estimators) {
            ests.add(Elbo.byName(e.trim(), samples));
        }
        List<GradientVariance.Row> rows = GradientVariance.measure(model, g, point, ests, replicates, seed + 1);
        w.printf(
                Locale.ROOT,
                "%s: gradient of the ELBO w.r.t. the %s guide's %d parameters, %d replicates of L=%d, at %s%n%n",
                bm.name(),
                handWritten != null ? "hand-written" : guide.toString(),
                rows.get(0).coordinates().size(),
                replicates,
                samples,
                fitSteps > 0
                        ? "the parameters after " + fitSteps + " reparameterized steps"
                        : "the initial parameters");
        w.printf(
                Locale.ROOT,
                "%-22s %14s %14s %12s%n",
                "estimator",
                "total variance",
                "vs " + rows.get(0).estimator(),
                "us/estimate");
        for (GradientVariance.Row r : rows) {
            w.printf(
                    Locale.ROOT,
                    "%-22s %14.4g %14.4g %12.1f%n",
                    r.estimator(),
                    r.totalVariance(),
                    r.ratio(),
                    r.seconds() * 1e6);
        }
        List<String> coords = rows.get(0).coordinates();
        java.util.Map<String, double[]> perParam = new java.util.LinkedHashMap<>();
        for (int j = 0; j < coords.size(); j++) {
            String c = coords.get(j);
            int br = c.indexOf('[');
            double[] sums = perParam.computeIfAbsent(br < 0 ? c : c.substring(0, br), k -> new double[rows.size()]);
            for (int e = 0; e < rows.size(); e++) sums[e] += rows.get(e).variance()[j];
        }
        if (perParam.size() < coords.size()) {
            w.println();
            w.println("Per parameter (variance summed over its coordinates):");
            w.printf(Locale.ROOT, "%-22s", "parameter");
            for (GradientVariance.Row r : rows) {
                w.printf(Locale.ROOT, " %12s", r.estimator());
            }
            w.println();
            for (java.util.Map.Entry<String, double[]> en : perParam.entrySet()) {
                w.printf(Locale.ROOT, "%-22s", en.getKey());
                for (double v : en.getValue()) w.printf(Locale.ROOT, " %12.4g", v);
                w.println();
            }
        }
        w.println();
        w.println("Per coordinate (variance):");
        w.printf(Locale.ROOT, "%-22s", "coordinate");
        for (GradientVariance.Row r : rows) {
            w.printf(Locale.ROOT, " %12s", r.estimator());
        }
        w.println();
        for (int j = 0; j < coords.size(); j++) {
            w.printf(Locale.ROOT, "%-22s", coords.get(j));
            for (GradientVariance.Row r : rows) {
                w.printf(Locale.ROOT, " %12.4g", r.variance()[j]);
            }
            w.println();
        }
        if (out != null) {
            String[] names = rows.stream().map(GradientVariance.Row::estimator).toArray(String[]::new);
            double[] tv = rows.stream()
                    .mapToDouble(GradientVariance.Row::totalVariance)
                    .toArray();
            BarPlot.titled(bm.name() + ": total gradient variance (L=" + samples + ")")
                    .yLabel("variance (log scale)")
                    .logY(true)
                    .categories(names)
                    .series("total variance", tv)
                    .writePng(out.resolve("gradients.png"), 800, 500);
            var root = Json.MAPPER.createObjectNode();
            root.put("model", bm.name());
            root.put("replicates", replicates);
            root.put("samples", samples);
            var arr = root.putArray("estimators");
            for (GradientVariance.Row r : rows) {
                var o = arr.addObject();
                o.put("name", r.estimator());
                o.put("total_variance", r.totalVariance());
                o.put("ratio", r.ratio());
                var per = o.putObject("variance");
                for (int j = 0; j < coords.size(); j++) {
                    per.put(coords.get(j), r.variance()[j]);
                }
            }
            org.elbo4j.cli.io.AtomicFiles.writeString(
                    out.resolve("gradients.json"), Json.MAPPER.writeValueAsString(root) + "\n");
            w.println("wrote " + out.resolve("gradients.png") + ", gradients.json");
        }
        w.flush();
        return 0;
    }
}
