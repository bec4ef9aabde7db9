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
 * usage error and 1 for a runtime error, and a stack trace only when asked for.
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
    } else if (e instanceof OutOfMemoryError) {
      msg = "out of memory (raise the heap with JAVA_OPTS=-Xmx...): " + e.getMessage();
    } else {
      msg = e.getMessage();
    }
    if (msg == null || msg.isBlank()) {
      msg = e.getClass().getSimpleName();
    }
    return msg.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Exit status 1 and one line, with the stack trace under {@code --debug} or ELBO4J_DEBUG=1. */
  static final class RuntimeErrorHandler implements IExecutionExceptionHandler {
    private final boolean debugFromEnv;

    RuntimeErrorHandler(boolean debugFromEnv) {
      this.debugFromEnv = debugFromEnv;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
      PrintWriter err = cl.getErr();
      // issue 11: a Stan error keeps its lines (source line and caret)
      Throwable stan = ex;
      while (stan != null && !(stan instanceof org.elbo4j.stan.StanException)) {
        stan = stan.getCause();
      }
      err.println(PREFIX + (stan != null ? stan.getMessage().strip() : oneLine(ex)));
      if (debugFromEnv || debugRequested(parseResult)) {
        ex.printStackTrace(err);
      }
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
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
