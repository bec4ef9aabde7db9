package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Log densities against SciPy: reference-densities.txt is written by {@code elbo4j-bench/stan/reference_values.py}
 * (SciPy 1.17.1), one case a line, {@code name|arg|...|value}; each call goes through signatures.txt.
 */
class ReferenceDensitiesTest {
    /** SciPy's own densities are accurate to a few ulps; the CDF tails go through incomplete beta/erfc. */
    private static final double REL_TOL = 1e-11;

    static Object parse(String a) {
        if (a.startsWith("i:")) {
            String v = a.substring(2);
            if (!v.startsWith("[")) return Integer.parseInt(v);
            String[] parts = v.substring(1, v.length() - 1).split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) out[i] = Integer.parseInt(parts[i]);
            return out;
        }
        if (!a.startsWith("[")) return Tensor.scalar(Double.parseDouble(a));
        if (a.startsWith("[[")) {
            String[] rows = a.substring(2, a.length() - 2).split("\\],\\[");
            double[][] m = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) m[i] = ((Tensor) parse("[" + rows[i] + "]")).toArray();
            return Tensor.of(m);
        }
        String[] parts = a.substring(1, a.length() - 1).split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Double.parseDouble(parts[i]);
        return Tensor.of(out);
    }

    @Test
    void everyReferenceCaseMatches() throws Exception {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/org/elbo4j/stan/functions/reference-densities.txt"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\\|");
                Object[] args = new Object[f.length - 2];
                for (int i = 0; i < args.length; i++) args[i] = parse(f[i + 1]);
                double want = Double.parseDouble(f[f.length - 1]);
                double got = ((Tensor) Signatures.call(f[0], args)).item();
                cases++;
                if (!(Math.abs(got - want) <= REL_TOL * Math.max(1, Math.abs(want)))) {
                    failures.add(line + " -> got " + got);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(74, cases, "cases run");
    }
}
