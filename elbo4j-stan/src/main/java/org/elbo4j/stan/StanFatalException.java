package org.elbo4j.stan;

/** {@code fatal_error(...)}: an error that ends the whole run, not only the current draw. */
public final class StanFatalException extends StanException {
    /** @param message the full message, naming the program and line */
    public StanFatalException(String message) {
        super(message);
    }
}
