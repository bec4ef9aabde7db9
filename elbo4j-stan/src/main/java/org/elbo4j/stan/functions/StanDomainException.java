package org.elbo4j.stan.functions;

/**
 * An argument of a Stan library function is outside its domain, or containers of inconsistent sizes were
 * passed together. The message reads like Stan's own, naming the function, the argument and the value:
 * {@code normal_lpdf: Scale parameter is -1, but must be positive!}.
 *
 * <p>In Stan this rejects the current draw (it is not a programming error); the compiled program turns it into a
 * rejection with the line of the statement.
 */
public final class StanDomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole message, starting with the function's Stan name and a colon */
    public StanDomainException(String message) {
        super(message);
    }
}
