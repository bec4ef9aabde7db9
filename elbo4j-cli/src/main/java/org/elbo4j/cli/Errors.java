package org.elbo4j.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How {@code elbo4j} reports errors: one line {@code elbo4j: error: <message>}, exit status 2 for a
 * usage error (picocli's parse errors and {@link UsageException}) and 1 for a runtime error, and a
 * stack trace only when asked for. An {@link OutOfMemoryError} anywhere in the cause chain is reported
 * with the heap limit and how to raise it; JSON parse errors without the parser's internals.
 */
final class Errors {

    static final String PREFIX = "elbo4j: error: ";

    private Errors() {}

    /**
     * A one-line description of {@code t} for the user: its message with line breaks folded, and
     * for file-system errors, whose JDK messages are often just the path, what went wrong.
     *
     * @param t the error; not modified
     * @return a non-empty single line
     */
    static String oneLine(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof CommandLine.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        OutOfMemoryError oomCause = find(t, OutOfMemoryError.class);
        if (oomCause != null) {
            e = oomCause;
        }
        String msg;
        if (e instanceof NoSuchFileException nf) {
            msg = "no such file or directory: " + nf.getFile();
        } else if (e instanceof AccessDeniedException ad) {
            msg = "permission denied: " + ad.getFile();
        } else if (e instanceof FileAlreadyExistsException fe) {
            msg = "file already exists: " + fe.getFile();
        } else if (e instanceof NotDirectoryException nd) {
            msg = "not a directory: " + nd.getFile();
        } else if (e instanceof DirectoryNotEmptyException dn) {
            msg = "directory not empty: " + dn.getFile();
        } else if (e instanceof FileSystemException fs) {
            msg = fs.getMessage(); // already "file: reason" form
        } else if (e instanceof FileNotFoundException) {
            msg = e.getMessage();
        } else if (e instanceof OutOfMemoryError oom) {
            msg = outOfMemory(oom);
        } else if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp) {
            msg = json(jp);
        } else {
            msg = e.getMessage();
        }
        if (msg == null || msg.isBlank()) {
            msg = e.getClass().getSimpleName();
        }
        return msg.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The first throwable of type {@code type} in the cause chain of {@code t}, or null. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Out of memory: the heap limit and how to raise it. */
    static String outOfMemory(OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        String heap =
                max == Long.MAX_VALUE ? "unlimited" : String.format(java.util.Locale.ROOT, "%.0f MiB", max / 1048576.0);
        return "out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
                + ") with a maximum heap of " + heap
                + "; give the JVM more, e.g. JAVA_OPTS=-Xmx4g ./elbo4j ..., or make the problem smaller";
    }

    /** A JSON parse error without the parser's internals ([Source: ...], feature names, class names). */
    static String json(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = org.elbo4j.cli.io.JsonErrors.clean(e.getOriginalMessage());
        com.fasterxml.jackson.core.JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return "malformed JSON" + where + ": " + m;
    }

    /** The one-line report of an error raised while a command ran, and its exit status (2 usage, 1 runtime). */
    static int report(Throwable ex, CommandLine cl, boolean debug) {
        PrintWriter err = cl.getErr();
        UsageException usage = find(ex, UsageException.class);
        if (usage != null) {
            err.println(PREFIX + oneLine(usage));
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        } else {
            // a Stan program's error keeps its lines: file:line:column, the source line and the caret (issue 11)
            org.elbo4j.stan.StanException stan = find(ex, org.elbo4j.stan.StanException.class);
            err.println(PREFIX + (stan != null ? stan.getMessage().strip() : oneLine(ex)));
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return usage != null ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    }

    /** Exit status 1 and one line, with the stack trace under {@code --debug} or ELBO4J_DEBUG=1. */
    static final class RuntimeErrorHandler implements IExecutionExceptionHandler {
        private final boolean debugFromEnv;

        RuntimeErrorHandler(boolean debugFromEnv) {
            this.debugFromEnv = debugFromEnv;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            return report(ex, cl, debugFromEnv || debugRequested(parseResult));
        }

        private static boolean debugRequested(ParseResult pr) {
            for (ParseResult p = pr; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Exit status 2: the problem, suggestions for a mistyped name, and where to find help. */
    static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(PREFIX + oneLine(ex));
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
    }
}
