package org.elbo4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code elbo4j cavi (gmm | linreg | lda)}: coordinate-ascent variational inference for conditionally conjugate models
 * ({@link CaviGmmCommand gmm}, {@link CaviLinregCommand linreg}, {@link CaviLdaCommand lda}). Without a model it prints its usage and reports a
 * usage error, as {@link Main} does without a command.
 */
@Command(
        name = "cavi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Coordinate-ascent VI: gmm (mixture), linreg, lda (topics, by stochastic VI).",
        synopsisSubcommandLabel = "(gmm | linreg | lda)",
        subcommands = {CaviGmmCommand.class, CaviLinregCommand.class, CaviLdaCommand.class},
        description = {
            "Coordinate-ascent VI for conditionally conjugate models: closed-form",
            "mean-field updates that raise the exact ELBO every sweep."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  elbo4j cavi gmm --k 3 --out runs/gmm",
            "  elbo4j cavi gmm --data examples/points.csv --k 4 --restarts 20 --seed 7",
            "  elbo4j cavi linreg --data regression.csv --y price --svi",
            "  elbo4j cavi lda examples/docs.txt --k 3 --passes 5"
        })
final class CaviCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println(Errors.PREFIX + "missing model: gmm, linreg or lda");
        cl.usage(cl.getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
