package org.elbo4j.distributions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a reference table outside a contract subclass, in the format of {@link DistributionContractTest#readTable}:
 * '#' provenance lines, a header, then comma-separated fields, each a ';'-separated vector ("inf", "-inf" allowed).
 */
final class ReferenceTables {
    private ReferenceTables() {}

    static List<double[][]> read(String resource) {
        InputStream in = ReferenceTables.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing test resource " + resource);
        List<double[][]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(Arrays.stream(line.split(","))
                        .map(f -> Arrays.stream(f.strip().split(";"))
                                .mapToDouble(ReferenceTables::parse)
                                .toArray())
                        .toArray(double[][]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static double parse(String s) {
        return switch (s.strip()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s.strip());
        };
    }
}
