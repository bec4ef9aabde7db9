package org.elbo4j.tensor;

/**
 * A NaN or infinity where a finite number was required: thrown by checked ops and by a tape in
 * {@link Tape#checkFinite checking mode}, with a message naming the op and the place.
 */
public final class NonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** @param message names the op, the shapes and the offending value */
    public NonFiniteException(String message) {
        super(message);
    }
}
