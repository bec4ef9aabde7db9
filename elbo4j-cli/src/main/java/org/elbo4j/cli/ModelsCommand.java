package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.elbo4j.cli.models.BuiltinModel;
import org.elbo4j.cli.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code elbo4j models}: lists the built-in models. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List the built-in models that fit, gradients and check accept.")
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        int width = 0;
        for (BuiltinModel m : Models.all()) {
            width = Math.max(width, m.name().length());
        }
        for (BuiltinModel m : Models.all()) {
            w.printf("%-" + width + "s  %s%n", m.name(), m.description());
        }
        w.flush();
        return 0;
    }
}
