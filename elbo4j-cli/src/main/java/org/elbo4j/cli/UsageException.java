package org.elbo4j.cli;

/**
 * A usage error: an option value out of range, an unknown name, conflicting options. {@link Main} reports it as
 * {@code elbo4j: error: <message>} with exit status 2, like picocli's own parse errors. Commands raise it through
 * {@link Usage} before any work starts.
 */
final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message names the option, the value and what was expected */
    UsageException(String message) {
        super(message);
    }
}
