package org.elbo4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.elbo4j.cli.io.AtomicFiles;
import org.elbo4j.cli.plot.ImageGrid;
import org.elbo4j.cli.plot.LinePlot;
import org.elbo4j.cli.plot.ScatterPlot;
import org.elbo4j.math.Special;
import org.elbo4j.nn.Params;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.vae.EpochMetrics;
import org.elbo4j.vae.GaussianEncoder;
import org.elbo4j.vae.Vae;
import org.elbo4j.vae.VaeTrainer;

/**
 * What {@code elbo4j vae} writes to {@code --out}: metrics.csv and elbo.png after every epoch; samples.png,
 * reconstructions.png, manifold.png (2-D latent), latent.png (2-D latent with labels) and summary.json at the end.
 */
final class VaeReport {
    private VaeReport() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Stream key (under the seed) of the prior draws of samples.png. */
    static final long SAMPLES_KEY = 6;

    static final String CSV_HEADER =
            "epoch,train_elbo,test_elbo,seconds,eval_seconds,images_per_second,skipped_steps,learning_rate";

    /** metrics.csv: one row per epoch; doubles in Java's shortest round-trip form. */
    static String metricsCsv(List<EpochMetrics> history, int nTrain) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochMetrics m : history) {
            sb.append(m.epoch())
                    .append(',')
                    .append(m.trainElbo())
                    .append(',')
                    .append(m.testElbo())
                    .append(',')
                    .append(m.seconds())
                    .append(',')
                    .append(m.evalSeconds())
                    .append(',')
                    .append(m.seconds() > 0 ? nTrain / m.seconds() : Double.NaN)
                    .append(',')
                    .append(m.skippedSteps())
                    .append(',')
                    .append(m.learningRate())
                    .append('\n');
        }
        return sb.toString();
    }

    /** metrics.csv and elbo.png, rewritten after every epoch (the CSV atomically). */
    static void writeProgress(Path out, List<EpochMetrics> history, int nTrain) throws IOException {
        AtomicFiles.writeString(out.resolve("metrics.csv"), metricsCsv(history, nTrain));
        double[] x = new double[history.size()], tr = new double[x.length];
        double[] xt = new double[x.length], te = new double[x.length];
        int nTest = 0; // epochs with a test ELBO (all, or every --eval-every N)
        for (int i = 0; i < x.length; i++) {
            EpochMetrics m = history.get(i);
            x[i] = m.epoch();
            tr[i] = m.trainElbo();
            if (Double.isFinite(m.testElbo())) {
                xt[nTest] = m.epoch();
                te[nTest++] = m.testElbo();
            }
        }
        LinePlot p = LinePlot.titled("VAE: ELBO per datapoint")
                .xLabel("epoch")
                .yLabel("ELBO (nats)")
                .series("train (running mean over the epoch)", x, tr);
        if (nTest > 0) {
            p.series("test", Arrays.copyOf(xt, nTest), Arrays.copyOf(te, nTest));
        }
        p.writePng(out.resolve("elbo.png"), 800, 500);
    }

    /**
     * samples.png: 100 decoded draws z ~ N(0, I) (stream key 6 under the seed); reconstructions.png: the first 50
     * test images (odd columns) beside their reconstructions E[x | z = μ(x)] (even columns); manifold.png for a
     * 2-D latent: decoded means over a 20×20 grid of z = Φ⁻¹(u), u evenly spaced in (0, 1) (the paper's figure 4);
     * latent.png for a 2-D latent with labels: the test set's posterior means coloured by label.
     *
     * @return the names of the files written
     */
    static String writeImages(Path out, VaeTrainer t, VaeDataset ds, long seed) throws IOException {
        Vae vae = t.vae();
        Params p = Params.of(t.params());
        int j = vae.latent(), rows = ds.rows, cols = ds.cols;
        StringBuilder written = new StringBuilder();

        double[] z = new double[100 * j];
        RandomStream.of(seed).fork(SAMPLES_KEY).fillGaussian(z, 0, z.length);
        ImageGrid.of(images(vae.decode(p, Tensor.of(z, Shape.of(100, j))), 100), rows, cols)
                .columns(10)
                .scale(2)
                .writePng(out.resolve("samples.png"));
        written.append("samples.png");

        int nTest = ds.data.nTest();
        if (nTest > 0) {
            int n = Math.min(50, nTest);
            Tensor x = t.testData().slice(0, n);
            double[][] orig = images(x, n), rec = images(vae.reconstruct(p, x), n);
            double[][] pairs = new double[2 * n][];
            for (int i = 0; i < n; i++) {
                pairs[2 * i] = orig[i];
                pairs[2 * i + 1] = rec[i];
            }
            ImageGrid.of(pairs, rows, cols).columns(10).scale(2).writePng(out.resolve("reconstructions.png"));
            written.append(", reconstructions.png");
        }

        if (j == 2) {
            int g = 20;
            double[] grid = new double[g * g * 2];
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    grid[(r * g + c) * 2] = Special.normalQuantile((c + 0.5) / g);
                    grid[(r * g + c) * 2 + 1] = Special.normalQuantile(1 - (r + 0.5) / g); // z₂ grows upwards
                }
            }
            ImageGrid.of(images(vae.decode(p, Tensor.of(grid, Shape.of(g * g, 2))), g * g), rows, cols)
                    .columns(g)
                    .scale(2)
                    .gap(0)
                    .writePng(out.resolve("manifold.png"));
            written.append(", manifold.png");
            if (ds.testLabels != null && nTest > 0) {
                GaussianEncoder.Output q = vae.encoder().forward(p, t.testData());
                double[] mu = q.loc().toArray();
                ScatterPlot sp = ScatterPlot.titled("test set: posterior means by label")
                        .xLabel("z1")
                        .yLabel("z2");
                java.util.TreeMap<Integer, List<Integer>> byLabel = new java.util.TreeMap<>();
                for (int i = 0; i < nTest; i++) {
                    byLabel.computeIfAbsent(ds.testLabels[i], k -> new java.util.ArrayList<>())
                            .add(i);
                }
                for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
                    double[] x1 = new double[e.getValue().size()], x2 = new double[x1.length];
                    for (int q2 = 0; q2 < x1.length; q2++) {
                        x1[q2] = mu[2 * e.getValue().get(q2)];
                        x2[q2] = mu[2 * e.getValue().get(q2) + 1];
                    }
                    sp.group("label " + e.getKey(), x1, x2);
                }
                sp.writePng(out.resolve("latent.png"), 700, 600);
                written.append(", latent.png");
            }
        }
        return written.toString();
    }

    private static double[][] images(Tensor t, int n) {
        double[] v = t.toArray();
        int d = v.length / n;
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                out[i][k] = Math.max(0, Math.min(1, v[i * d + k])); // a Gaussian decoder's mean may leave [0, 1]
            }
        }
        return out;
    }

    /** summary.json: settings, data, the final figures. */
    static void writeSummary(Path out, Map<String, String> settings, String data, Map<String, Object> result)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", "vae");
        root.put("data", data);
        ObjectNode s = root.putObject("settings");
        settings.forEach(s::put);
        ObjectNode r = root.putObject("result");
        result.forEach((k, v) -> {
            if (v instanceof Double d && !Double.isFinite(d)) {
                r.put(k, d.toString());
            } else {
                r.putPOJO(k, v);
            }
        });
        AtomicFiles.writeString(out.resolve("summary.json"), JSON.writeValueAsString(root) + "\n");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
