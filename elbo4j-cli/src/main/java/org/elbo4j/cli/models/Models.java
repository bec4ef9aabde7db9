package org.elbo4j.cli.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.cli.io.StanJsonData;

/** The registry of built-in models, in the order {@code elbo4j models} lists them. */
public final class Models {
    private Models() {}

    private static final Map<String, BuiltinModel> ALL = new LinkedHashMap<>();

    static {
        for (BuiltinModel m : List.of(
                new EightSchools(false),
                new EightSchools(true),
                new LogisticRegression(),
                new LinearRegression(),
                new NormalNormal(),
                new GammaPoisson(),
                // the posteriordb ports (docs/accuracy.md), in the order of shared/data/posteriordb/index.json
                new KidscoreMomiq(),
                new LogearnHeight(),
                new LogmesquiteLogvolume(),
                new ArK(),
                new Blr(),
                new Diamonds(),
                new LowDimGaussMix(),
                new Garch11(),
                new Nes(),
                // discrete latents (docs/discrete.md)
                new DiscretePlate())) {
            ALL.put(m.name(), m);
        }
    }

    /** Adds a model (later issues add the posteriordb ports here). */
    public static void register(BuiltinModel m) {
        ALL.put(m.name(), m);
    }

    /** Every built-in model. */
    public static List<BuiltinModel> all() {
        return new ArrayList<>(ALL.values());
    }

    /**
     * The model named {@code name}.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static BuiltinModel get(String name) {
        BuiltinModel m = ALL.get(name);
        if (m == null)
            throw new IllegalArgumentException(
                    "unknown model '" + name + "'; built-in models: " + String.join(", ", ALL.keySet()));
        return m;
    }

    /** The default data of {@code m}. */
    public static StanJsonData defaultData(BuiltinModel m) {
        if (m.defaultData() == null) {
            throw new IllegalArgumentException("model '" + m.name() + "' has no default data; pass --data FILE");
        }
        try (InputStream in = Models.class.getResourceAsStream(m.defaultData())) {
            if (in == null) throw new IllegalStateException("missing resource " + m.defaultData());
            return StanJsonData.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), m.name() + " default data");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + m.defaultData(), e);
        }
    }
}
