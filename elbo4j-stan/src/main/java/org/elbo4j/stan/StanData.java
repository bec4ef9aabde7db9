package org.elbo4j.stan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.stan.compile.DataValue;
import org.elbo4j.stan.json.JsonValue;
import org.elbo4j.stan.json.StanJson;
import org.elbo4j.stan.json.StanJsonException;

/**
 * The data of a Stan program: named values read from Stan JSON (CmdStan's format). The values are checked
 * against a program's declarations when a model is made with {@link StanProgram#instantiate(StanData)}.
 *
 * <pre>{@code
 * // dir: a directory holding eight_schools.json and eight_schools.stan
 * StanData d = StanData.read(dir.resolve("eight_schools.json"));
 * StanModel m = StanProgram.parse(dir.resolve("eight_schools.stan")).instantiate(d);
 * }</pre>
 */
public final class StanData {
    private final Map<String, DataValue> values;
    private final String name;

    private StanData(Map<String, DataValue> values, String name) {
        this.values = values;
        this.name = name;
    }

    /**
     * Reads a Stan JSON file.
     *
     * @throws StanException naming the file, line and column of malformed JSON
     * @throws UncheckedIOException when the file cannot be read
     */
    public static StanData read(Path json) {
        try {
            return parse(Files.readString(json), json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + json + ": " + e.getMessage(), e);
        }
    }

    /** Parses Stan JSON text; {@code name} is used in messages. */
    public static StanData parse(String json, String name) {
        Map<String, JsonValue> raw;
        try {
            raw = StanJson.parse(json, name);
        } catch (StanJsonException e) {
            throw new StanException(e.getMessage(), e);
        }
        Map<String, DataValue> values = new LinkedHashMap<>();
        for (var e : raw.entrySet()) {
            JsonValue v = e.getValue();
            values.put(
                    e.getKey(),
                    new DataValue(v.dims(), v.values(), v.allIntegers(), name + ":" + v.line() + ":" + v.column()));
        }
        return new StanData(values, name);
    }

    /** No data (for programs without a data block). */
    public static StanData empty() {
        return new StanData(Collections.emptyMap(), "(no data)");
    }

    /** The variables by name, in file order. */
    public Map<String, DataValue> values() {
        return values;
    }

    /** The file name or the name given. */
    public String name() {
        return name;
    }
}
