package org.elbo4j.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Checks of option values, run at the top of a command before any work; each failure is a {@link UsageException}
 * (exit status 2) whose message names the option, the value given and what is expected.
 *
 * <pre>{@code
 * Usage.atLeast("--steps", steps, 1);
 * Usage.positive("--lr", lr);
 * Optimizer o = Usage.parse("--optimizer", name, n -> Optimizers.byName(n, lr));
 * }</pre>
 */
final class Usage {
    private Usage() {}

    /**
     * @throws UsageException if {@code v < min}
     */
    static void atLeast(String option, long v, long min) {
        if (v < min) {
            throw new UsageException(option + " must be >= " + min + ", got " + v);
        }
    }

    /**
     * @throws UsageException unless {@code min <= v <= max}
     */
    static void between(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + v);
        }
    }

    /**
     * @throws UsageException unless {@code v} is finite and {@code > 0}
     */
    static void positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UsageException(option + " must be > 0 and finite, got " + v);
        }
    }

    /**
     * @throws UsageException unless {@code v} is finite and {@code >= 0}
     */
    static void nonNegative(String option, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new UsageException(option + " must be >= 0 and finite, got " + v);
        }
    }

    /**
     * @throws UsageException with {@code message} unless {@code ok}
     */
    static void check(boolean ok, String message) {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    /**
     * Parses a named choice (an optimizer, an estimator, a model): the parser's refusal becomes a usage error.
     *
     * @param option the option, e.g. {@code --optimizer}
     * @param value the value given
     * @param parser turns the value into the thing; throws IllegalArgumentException for a bad value
     * @return what the parser returns
     * @throws UsageException naming the option and the value, with the parser's reason (which lists the choices)
     */
    static <T> T parse(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "invalid value" : e.getMessage();
            boolean named = why.startsWith(option) || why.contains("'" + value + "'");
            throw new UsageException(named ? why : option + " '" + value + "': " + why);
        }
    }

    /**
     * A path option must not be empty ({@code --out ""} would mean the current directory) nor unusable as a path.
     *
     * @return {@code p}, or null if it was not given
     * @throws UsageException if the path is empty
     */
    static Path path(String option, Path p) {
        if (p != null && p.toString().isBlank()) {
            throw new UsageException(option + " must name a directory or file, got an empty path");
        }
        return p;
    }

    /** Like {@link #path(String, Path)} for a path given as text. */
    static Path path(String option, String p) {
        if (p == null) {
            return null;
        }
        try {
            return path(option, Path.of(p));
        } catch (InvalidPathException e) {
            throw new UsageException(option + " '" + p + "': not a valid path (" + e.getReason() + ")");
        }
    }
}
