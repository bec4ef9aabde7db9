package org.elbo4j.stan.transforms;

/**
 * A value or a bound violates a Stan constraint: a lower bound not below its upper bound, a non-positive
 * multiplier, a value outside its bounds given to an {@code unconstrain} method, a matrix that is not a
 * covariance matrix. The message reads like Stan's ({@code lub_constrain: lb is 3, but must be less than 1}), so
 * that the front end can reject the draw (or the data) with it.
 */
public class ConstraintViolationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An exception with Stan's message. */
    public ConstraintViolationException(String message) {
        super(message);
    }
}
