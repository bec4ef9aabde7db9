package org.elbo4j.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code elbo4j} command: parses the command line with picocli and dispatches to a subcommand.
 *
 * <p>Exit codes: {@code 0} success; {@code 2} usage error (unknown option, bad value, missing
 * subcommand); {@code 1} runtime error, reported on one line as {@code elbo4j: error: <message>}.
 * With {@code --debug} or the environment variable {@code ELBO4J_DEBUG=1} the stack trace follows.
 *
 * <p>Subcommands are registered in one place, {@link Commands#all()}. A subcommand prints through
 * {@code spec.commandLine().getOut()} / {@code getErr()} (not {@code System.out}) so that tests can
 * capture its output through {@link #execute(String[], PrintWriter, PrintWriter, Map)}, and reports
 * bad input by throwing an exception whose message names the file, line or option and the value.
 *
 * <pre>{@code
 * ./elbo4j --version
 * ./elbo4j --help
 * ./elbo4j data shared/data/posteriordb/eight_schools-eight_schools_noncentered/data.json
 * }</pre>
 */
@Command(
        name = "elbo4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Variational inference on the JVM: maximise the evidence lower bound",
            "ELBO = E_q[log p(x,z) - log q(z)] with reparameterized stochastic gradients."
        },
        footerHeading = "%n",
        footer = {
            "Exit status: 0 success, 1 runtime error, 2 usage error.",
            "Set ELBO4J_DEBUG=1 (or pass --debug) to see stack traces."
        })
public final class Main implements Callable<Integer> {

    /** Environment variable that turns on stack traces, like {@code --debug}. */
    public static final String DEBUG_ENV = "ELBO4J_DEBUG";

    /** Columns of the usage help: the longest example line of any command fits. */
    static final int USAGE_WIDTH = 100;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--debug",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of a runtime error (also: ELBO4J_DEBUG=1).")
    boolean debug;

    /** Without a subcommand: show the usage on stderr and report a usage error. */
    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        cl.getErr().println("elbo4j: error: missing command");
        cl.usage(cl.getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** Entry point of the jar; exits the JVM with the status described in the class doc. */
    public static void main(String[] args) {
        // XChart and ImageIO must never try to open a display (servers, CI).
        System.setProperty("java.awt.headless", "true");
        Timeline.mark("main");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(args, out, err, System.getenv());
        out.flush();
        err.flush();
        Timeline.mark("exit");
        System.exit(status);
    }

    /**
     * Runs the command line without exiting the JVM.
     *
     * @param args the arguments after {@code elbo4j}; not modified
     * @param out where the command's results go (stdout)
     * @param err where messages, usage errors and runtime errors go (stderr)
     * @param env the environment, read for {@value #DEBUG_ENV}
     * @return the exit status: 0 ok, 1 runtime error, 2 usage error
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cl = commandLine(env, args);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | RuntimeException e) { // an Error picocli does not handle, or a failing handler
            boolean debug = "1".equals(env.get(DEBUG_ENV))
                    || java.util.Arrays.asList(args).contains("--debug");
            return Errors.report(e, cl, debug);
        }
    }

    /**
     * Builds the command tree with every subcommand of {@link Commands#all()} and the error handlers.
     *
     * @param env the environment, read for {@value #DEBUG_ENV}
     * @return a fresh command line; not shared
     */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, new String[0]);
    }

    /**
     * Builds the command tree for one command line: when it names a subcommand first ({@code elbo4j fit ...},
     * optionally after {@code --debug}), only that subcommand is registered, so picocli builds (reflectively) and the
     * JVM loads one command model instead of all of them (start-up: a third of the classes a short {@code fit}
     * loaded; docs/benchmarks.md, "Cold start"). Anything else (no command, {@code help}, an unknown or misspelt
     * name, {@code --help}, an {@code @argfile}) gets every subcommand, as {@link #commandLine(Map)}. The
     * subcommand parses and runs the same either way.
     *
     * @param env the environment, read for {@value #DEBUG_ENV}
     * @param args the arguments after {@code elbo4j}; not modified
     * @return a fresh command line; not shared
     */
    static CommandLine commandLine(Map<String, String> env, String[] args) {
        CommandLine cl = new CommandLine(new Main());
        int first = args.length > 0 && "--debug".equals(args[0]) ? 1 : 0;
        Object only = args.length > first ? Commands.named(args[first]) : null;
        if (only != null) {
            cl.addSubcommand(only);
        } else {
            for (Object sub : Commands.all()) {
                cl.addSubcommand(sub);
            }
        }
        // Wide enough that no example line of a footer wraps (they copy and paste); descriptions wrap at words.
        cl.setUsageHelpWidth(USAGE_WIDTH);
        boolean debugEnv = "1".equals(env.get(DEBUG_ENV)) || "true".equalsIgnoreCase(env.get(DEBUG_ENV));
        cl.setExecutionExceptionHandler(new Errors.RuntimeErrorHandler(debugEnv));
        cl.setParameterExceptionHandler(new Errors.UsageErrorHandler());
        return cl;
    }
}
