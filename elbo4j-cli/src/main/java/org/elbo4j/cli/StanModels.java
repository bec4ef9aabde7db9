package org.elbo4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.infer.Model;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;

/**
 * Stan programs where the commands expect a built-in model: {@code elbo4j fit model.stan --data d.json} and
 * {@code elbo4j check DIR} with {@code DIR/model.stan}. The program is parsed, checked and bound to its data
 * here; its draws keep Stan's names ({@code theta[1]}) (the unconstrained helper sites of constrained parameters
 * are hidden by the model adapter, {@code org.elbo4j.stan.compile.StanSites}).
 */
final class StanModels {

    private StanModels() {}

    /** True when the model argument names a Stan program (a path ending in .stan). */
    static boolean isStan(String model) {
        return model != null && model.endsWith(".stan");
    }

    /**
     * A Stan program as a built-in model; {@code build} ignores the data it is given and uses {@code data}.
     *
     * @param data the Stan JSON data, or null for a program without data
     * @throws org.elbo4j.stan.StanException for syntax, type and data errors (with file, line, column)
     */
    static BuiltinModel builtin(Path program, Path data) {
        StanProgram p = parse(program);
        if (data == null) {
            List<String> declared = p.checked().globals().stream()
                    .filter(s -> s.origin == org.elbo4j.stan.check.Symbol.Origin.DATA)
                    .map(s -> s.name)
                    .toList();
            if (!declared.isEmpty()) {
                throw new IllegalArgumentException(program + ": the program declares data ("
                        + String.join(", ", declared) + "); give it with --data FILE (Stan JSON)");
            }
        }
        StanModel m = p.instantiate(data == null ? StanData.empty() : StanData.read(data));
        if (m.unconstrainedSize() == 0) {
            throw new IllegalArgumentException(program + ": the program has no parameters, so there is nothing to fit");
        }
        Model model = m.asModel();
        String name = program.getFileName().toString().replaceAll("\\.stan$", "");
        if (name.equals("model") && program.toAbsolutePath().getParent() != null) {
            // a posteriordb directory DATA-MODEL: the model is MODEL (as for the built-in models)
            name = program.toAbsolutePath().getParent().getFileName().toString();
            name = name.substring(name.indexOf('-') + 1);
        }
        String shown = name;
        return new BuiltinModel() {
            @Override
            public String name() {
                return shown;
            }

            @Override
            public String description() {
                return "Stan program " + program;
            }

            @Override
            public String defaultData() {
                return null;
            }

            @Override
            public Model build(StanJsonData ignored) {
                return model;
            }
        };
    }

    /**
     * Parses a Stan program file, first checking that it is one: a missing path or a directory is an error naming it.
     *
     * @throws IllegalArgumentException naming the path if it is missing or not a regular file
     * @throws org.elbo4j.stan.StanException for syntax and type errors (with file, line, column)
     */
    static StanProgram parse(Path program) {
        if (!Files.exists(program)) {
            throw new IllegalArgumentException("no such Stan program: " + program);
        }
        if (!Files.isRegularFile(program)) {
            throw new IllegalArgumentException(program + ": is a directory, not a Stan program file");
        }
        return StanProgram.parse(program);
    }
}
