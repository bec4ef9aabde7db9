package org.elbo4j.stan;

/**
 * Any error a Stan program or its data can cause: syntax and type errors, data that does not fit the program's
 * declarations, and runtime rejections. The message is complete and meant for the user as it is (location,
 * source line, caret and what was expected where there is a location).
 */
public class StanException extends RuntimeException {
    /** @param message the full message shown to the user */
    public StanException(String message) {
        super(message);
    }

    /** @param message the full message shown to the user; @param cause what went wrong underneath */
    public StanException(String message, Throwable cause) {
        super(message, cause);
    }
}
