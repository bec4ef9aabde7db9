package org.elbo4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;

/**
 * A posterior directory laid out as posteriordb's extracts in {@code shared/data/posteriordb/NAME}: {@code data.json}
 * (Stan JSON data), {@code reference.json} (summaries of reference draws: {@code parameters.NAME.mean}, {@code .sd})
 * and, for reference only, {@code model.stan}. The directory's name is posteriordb's posterior name
 * {@code DATA-MODEL}; the model is the built-in model named MODEL ({@code index.json} beside the directory, when it
 * lists the posterior, says which part is the model).
 *
 * @param name      the posterior's name (the directory's)
 * @param dir       the directory
 * @param model     the built-in model
 * @param reference reference mean and sd per parameter, in the file's order
 */
record Posterior(String name, Path dir, BuiltinModel model, Map<String, double[]> reference) {

    /**
     * Reads a posterior directory.
     *
     * @throws IllegalArgumentException if the directory or a file is missing or malformed, or its model is not
     *     built in; the message names the directory or file
     * @throws IOException if a file cannot be read
     */
    static Posterior read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    dir + ": not a directory (expected a posterior directory with data.json and" + " reference.json)");
        }
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        for (String f : List.of("data.json", "reference.json")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException(dir + ": missing " + f);
            }
        }
        // issue 11: the directory's model.stan, when it has one, is the model
        BuiltinModel model = Files.exists(abs.resolve("model.stan"))
                ? StanModels.builtin(abs.resolve("model.stan"), abs.resolve("data.json"))
                : Models.get(modelName(abs));
        return new Posterior(name, dir, model, readReference(dir.resolve("reference.json")));
    }

    /**
     * The built-in model of a posterior directory: from {@code index.json} beside it when that lists the posterior,
     * else the part after a '-' of the name {@code DATA-MODEL} that names a built-in model.
     *
     * @throws IllegalArgumentException naming the directory and listing the built-in models when there is none
     */
    static String modelName(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        Path index = dir.getParent() == null ? null : dir.getParent().resolve("index.json");
        if (index != null && Files.isRegularFile(index)) {
            JsonNode root = Json.MAPPER.readTree(index.toFile());
            if (root.isArray()) {
                for (JsonNode e : root) {
                    if (name.equals(e.path("posterior").asText()) && e.hasNonNull("model")) {
                        String m = e.get("model").asText();
                        if (!known(m)) {
                            throw new IllegalArgumentException(dir + ": " + index + " names the model '" + m
                                    + "', which is not built in; built-in models: " + builtIn());
                        }
                        return m;
                    }
                }
            }
        }
        for (int i = name.indexOf('-'); i >= 0; i = name.indexOf('-', i + 1)) {
            String m = name.substring(i + 1);
            if (known(m)) {
                return m;
            }
        }
        throw new IllegalArgumentException(dir + ": cannot find the model of posterior '" + name + "': expected a name"
                + " DATA-MODEL (posteriordb's) whose MODEL is a built-in model; built-in models: " + builtIn());
    }

    private static boolean known(String m) {
        return Models.all().stream().anyMatch(b -> b.name().equals(m));
    }

    private static String builtIn() {
        return String.join(", ", Models.all().stream().map(BuiltinModel::name).toList());
    }

    /**
     * Reads {@code reference.json}: an object with {@code "parameters": {"NAME": {"mean": m, "sd": s, ...}, ...}}.
     *
     * @throws IllegalArgumentException naming the file and parameter when a mean or sd is missing, not finite, or
     *     the sd is not positive
     */
    static Map<String, double[]> readReference(Path file) throws IOException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + ": malformed JSON: " + org.elbo4j.cli.io.JsonErrors.clean(e.getOriginalMessage()), e);
        }
        JsonNode ps = root.path("parameters");
        if (!ps.isObject() || ps.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": expected an object \"parameters\": {\"NAME\": {\"mean\": ..., \"sd\":" + " ...}, ...}");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        ps.fieldNames().forEachRemaining(names::add);
        for (String p : names) {
            JsonNode n = ps.get(p);
            if (!n.path("mean").isNumber() || !n.path("sd").isNumber()) {
                throw new IllegalArgumentException(file + ": parameter '" + p + "' needs numeric \"mean\" and \"sd\"");
            }
            double mean = n.get("mean").asDouble(), sd = n.get("sd").asDouble();
            if (!Double.isFinite(mean) || !(sd > 0) || Double.isInfinite(sd)) {
                throw new IllegalArgumentException(file + ": parameter '" + p + "' has mean " + mean + " and sd " + sd
                        + " (need a finite mean and a finite sd > 0)");
            }
            out.put(p, new double[] {mean, sd});
        }
        return out;
    }
}
