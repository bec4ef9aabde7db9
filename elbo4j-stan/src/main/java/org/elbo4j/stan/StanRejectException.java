package org.elbo4j.stan;

/**
 * A runtime rejection of one evaluation of a Stan program: {@code reject(...)}, an index out of range, a
 * transformed parameter outside its constraints, a function argument outside its domain, a non-finite log
 * density. During fitting it rejects the draw (as in Stan), it does not end the fit. The message names the
 * program and the statement's line.
 */
public class StanRejectException extends StanException {
    private final int line;

    /** @param message the full message; @param line the statement's line (0 when unknown) */
    public StanRejectException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The line of the statement that rejected, 0 when unknown. */
    public int line() {
        return line;
    }
}
