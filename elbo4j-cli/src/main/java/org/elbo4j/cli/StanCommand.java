package org.elbo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;
import org.elbo4j.stan.check.Symbol;
import org.elbo4j.stan.compile.ModelRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j stan model.stan [--data data.json]}: parses and type-checks a Stan program and prints its data,
 * parameters (declared type, and with data their shapes and the unconstrained size), transformed parameters and
 * generated quantities. A syntax or type error prints {@code file:line:column}, the line and a caret (exit 1).
 */
@Command(
        name = "stan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Parse and type-check a Stan program; show its variables (and sizes, with --data).",
        description = {
            "Parse and type-check a Stan program; print its data, parameters (shapes, constraints, unconstrained size)",
            "and generated quantities. With --data, the data is checked and the sizes are shown."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j stan model.stan",
            "  elbo4j stan ../shared/data/posteriordb-all/eight_schools-eight_schools_noncentered/model.stan \\",
            "      --data ../shared/data/posteriordb-all/eight_schools-eight_schools_noncentered/data.json"
        })
final class StanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PROGRAM", description = "A Stan program (.stan).")
    Path program;

    @Option(names = "--data", paramLabel = "FILE", description = "Stan JSON data: check it and show the sizes.")
    Path data;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        // Everything that can fail (the program, then the data) before anything is printed.
        StanProgram p = StanModels.parse(program);
        StanModel m = data == null ? null : p.instantiate(StanData.read(data));
        w.printf(Locale.ROOT, "%s: parses and type-checks%n", program);
        section(w, p, "data", Symbol.Origin.DATA);
        if (m == null) {
            section(w, p, "parameters", Symbol.Origin.PARAMETER);
            section(w, p, "transformed parameters", Symbol.Origin.TRANSFORMED_PARAMETER);
            section(w, p, "generated quantities", Symbol.Origin.GENERATED);
            w.println("(sizes and the unconstrained size need --data)");
        } else {
            ModelRuntime rt = m.runtime();
            shaped(w, "parameters", rt.parameters(), true);
            shaped(w, "transformed parameters", rt.transformedParameters(), false);
            shaped(w, "generated quantities", rt.generatedQuantities(), false);
            w.printf(Locale.ROOT, "unconstrained size: %d%n", m.unconstrainedSize());
        }
        w.flush();
        return 0;
    }

    private static void section(PrintWriter w, StanProgram p, String title, Symbol.Origin origin) {
        List<Symbol> syms =
                p.checked().globals().stream().filter(s -> s.origin == origin).toList();
        w.printf(Locale.ROOT, "%s:%s%n", title, syms.isEmpty() ? " (none)" : "");
        for (Symbol s : syms) {
            w.printf(Locale.ROOT, "  %-24s %s%n", s.name, ModelRuntime.declaredType(s.decl));
        }
    }

    private static void shaped(PrintWriter w, String title, List<ModelRuntime.Variable> vs, boolean unconstrained) {
        w.printf(Locale.ROOT, "%s:%s%n", title, vs.isEmpty() ? " (none)" : "");
        for (ModelRuntime.Variable v : vs) {
            String dims = v.dims().length == 0 ? "scalar" : Arrays.toString(v.dims());
            w.printf(
                    Locale.ROOT,
                    "  %-24s %-36s shape %-12s%s%n",
                    v.name(),
                    ModelRuntime.declaredType(v.type()),
                    dims,
                    unconstrained ? "  unconstrained " + v.unconstrainedSize() : "");
        }
    }
}
