package org.elbo4j.stan.compile;

/** An index out of range or containers of mismatched sizes; the enclosing statement turns it into a rejection. */
final class StanIndexException extends RuntimeException {
    StanIndexException(String message) {
        super(message, null, false, false);
    }
}
