package org.elbo4j.cli;

import java.util.List;
import picocli.CommandLine.HelpCommand;

/**
 * The one place where subcommands are registered. To add one, write a picocli {@code @Command}
 * class in {@code org.elbo4j.cli} (one file per command, with {@code name}, a one-line
 * {@code description}, {@code mixinStandardHelpOptions = true} and
 * {@code versionProvider = VersionProvider.class}), and add an instance to the list below;
 * {@code elbo4j --help} lists them in this order. See {@link DataCommand} for the pattern: output
 * through {@code spec.commandLine().getOut()}, bad input as an exception naming file and value.
 */
final class Commands {

    private Commands() {}

    /**
     * The subcommands of {@code elbo4j}, in the order {@code --help} shows them.
     *
     * @return fresh instances (picocli keeps state in them), never shared between command lines
     */
    static List<Object> all() {
        return List.of(
                new FitCommand(),
                new StanCommand(), // issue 11: Stan programs
                new VaeCommand(),
                new CheckCommand(),
                new GradientsCommand(),
                new ModelsCommand(),
                new DataCommand(),
                new CaviCommand(),
                new HelpCommand());
    }

    /**
     * A fresh instance of the subcommand that {@code elbo4j NAME} runs, for a command line that registers only that
     * one (start-up: picocli then builds one command model instead of every command's, see
     * {@link Main#commandLine(java.util.Map, String[])}). {@code help} and unknown names give {@code null}: they need every
     * command (the listing, picocli's "Did you mean" suggestions). The names are those of the {@code @Command}
     * annotations (checked by {@code MainTest}).
     *
     * @param name the first argument of the command line
     * @return the subcommand, or {@code null}
     */
    static Object named(String name) {
        switch (name) {
            case "fit":
                return new FitCommand();
            case "stan":
                return new StanCommand();
            case "vae":
                return new VaeCommand();
            case "check":
                return new CheckCommand();
            case "gradients":
                return new GradientsCommand();
            case "models":
                return new ModelsCommand();
            case "data":
                return new DataCommand();
            case "cavi":
                return new CaviCommand();
            default:
                return null;
        }
    }
}
