package org.elbo4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A peer's accuracy on the same posteriors, as written by {@code elbo4j-bench/peers/stan_advi_accuracy.R}: an object
 * with {@code "peer"}, {@code "algorithm"} (meanfield or fullrank), {@code "command"} and {@code "posteriors"}, a
 * list of {@code {"posterior", "worst_z", "worst_z_param", "min_sd_ratio", "max_sd_ratio", "pareto_k",
 * "vb_seconds", "iterations", "params": {NAME: {"z", "sd_ratio"}}}} or {@code {"posterior", "error"}}.
 *
 * @param file      where it was read from
 * @param peer      e.g. {@code stan-advi}
 * @param algorithm meanfield or fullrank
 * @param command   the command that wrote it
 * @param results   by posterior name
 */
record PeerAccuracy(Path file, String peer, String algorithm, String command, Map<String, Result> results) {

    /** One posterior: {@code error} is null on success; per-parameter z and sd ratio in {@code params}. */
    record Result(
            String error,
            double worstZ,
            String worstZParam,
            double minSdRatio,
            double maxSdRatio,
            double khat,
            double seconds,
            long iterations,
            Map<String, double[]> params) {}

    /**
     * @throws IllegalArgumentException naming the file when it is not in the format above
     */
    static PeerAccuracy read(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + ": malformed JSON: " + org.elbo4j.cli.io.JsonErrors.clean(e.getOriginalMessage()), e);
        }
        String alg = root.path("algorithm").asText("");
        if (!alg.equals("meanfield") && !alg.equals("fullrank")) {
            throw new IllegalArgumentException(
                    file + ": \"algorithm\" must be meanfield or fullrank, got '" + alg + "'");
        }
        if (!root.path("posteriors").isArray()) {
            throw new IllegalArgumentException(file + ": expected a list \"posteriors\"");
        }
        Map<String, Result> out = new LinkedHashMap<>();
        for (JsonNode p : root.get("posteriors")) {
            String name = p.path("posterior").asText(null);
            if (name == null) {
                throw new IllegalArgumentException(file + ": a posterior entry has no \"posterior\" name");
            }
            if (p.hasNonNull("error")) {
                out.put(
                        name,
                        new Result(
                                p.get("error").asText(),
                                Double.NaN,
                                null,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                p.path("vb_seconds").asDouble(Double.NaN),
                                -1,
                                Map.of()));
                continue;
            }
            Map<String, double[]> params = new LinkedHashMap<>();
            JsonNode ps = p.path("params");
            ps.fieldNames()
                    .forEachRemaining(n ->
                            params.put(n, new double[] {num(ps.get(n), "z"), num(ps.get(n), "sd_ratio")}));
            out.put(
                    name,
                    new Result(
                            null,
                            num(p, "worst_z"),
                            p.path("worst_z_param").asText(null),
                            num(p, "min_sd_ratio"),
                            num(p, "max_sd_ratio"),
                            num(p, "pareto_k"),
                            num(p, "vb_seconds"),
                            p.path("iterations").asLong(-1),
                            params));
        }
        return new PeerAccuracy(
                file,
                root.path("peer").asText("peer"),
                alg,
                root.path("command").asText(""),
                out);
    }

    private static double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
