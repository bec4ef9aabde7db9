package org.elbo4j.stan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.tensor.Tensor;

/**
 * A reference file of rstan's log densities and gradients ({@code reference/<posterior>.json}, or gzipped as
 * {@code reference/<posterior>.json.gz}; written by the peer tooling) and the comparison with elbo4j: log densities
 * equal up to one additive constant (the differences between points agree), gradients equal.
 */
record Reference(String posterior, List<double[]> upars, double[] logProb, List<double[]> grad) {
    static final Pattern POINT = Pattern.compile(
            "\\{\\s*\"upars\"\\s*:\\s*\\[([^\\]]*)\\]\\s*,\\s*\"log_prob\"\\s*:\\s*([-+0-9.eEInfinityNa]+)\\s*,\\s*\"grad\"\\s*:\\s*\\[([^\\]]*)\\]");

    /** Whether {@code file} is a reference file by its name ({@code .json} or {@code .json.gz}). */
    static boolean isReferenceFile(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".json.gz");
    }

    /** The posterior a reference file is for: its name without {@code .json} or {@code .json.gz}. */
    static String posteriorOf(Path file) {
        String n = file.getFileName().toString();
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    /** The text of a reference file, gunzipped when its name ends in {@code .gz}. */
    static String text(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) return Files.readString(file);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Reference read(Path file) throws IOException {
        String s = text(file);
        List<double[]> u = new ArrayList<>(), g = new ArrayList<>();
        List<Double> lp = new ArrayList<>();
        Matcher m = POINT.matcher(s);
        while (m.find()) {
            u.add(nums(m.group(1)));
            lp.add(Double.parseDouble(m.group(2)));
            g.add(nums(m.group(3)));
        }
        return new Reference(
                posteriorOf(file),
                u,
                lp.stream().mapToDouble(Double::doubleValue).toArray(),
                g);
    }

    private static double[] nums(String list) {
        if (list.isBlank()) return new double[0];
        String[] p = list.split(",");
        double[] d = new double[p.length];
        for (int k = 0; k < p.length; k++) d[k] = Double.parseDouble(p[k].trim());
        return d;
    }

    /** The comparison: worst relative error of the log-density differences and of the gradients. */
    record Comparison(double logDensityError, double gradientError) {
        /** Both within {@code tol} relative. */
        boolean within(double tol) {
            return logDensityError <= tol && gradientError <= tol;
        }
    }

    Comparison compare(StanModel m) {
        int n = upars.size();
        double[] mine = new double[n];
        double gErr = 0;
        for (int i = 0; i < n; i++) {
            ValueAndGrad vg = Autodiff.valueAndGrad(Tensor.of(upars.get(i)), m::logDensity);
            mine[i] = vg.valueAsDouble();
            double[] g = vg.gradient(0).toArray();
            double[] r = grad.get(i);
            double scale = 0;
            for (double x : r) scale = Math.max(scale, Math.abs(x));
            for (int k = 0; k < r.length; k++) gErr = Math.max(gErr, Math.abs(g[k] - r[k]) / Math.max(1, scale));
        }
        double lErr = 0;
        for (int i = 1; i < n; i++) {
            double dMine = mine[i] - mine[0], dRef = logProb[i] - logProb[0];
            double scale = Math.max(1, Math.max(Math.abs(logProb[i]), Math.abs(logProb[0])));
            lErr = Math.max(lErr, Math.abs(dMine - dRef) / scale);
        }
        return new Comparison(lErr, gErr);
    }
}
