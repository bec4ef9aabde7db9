package org.elbo4j.cavi;

/**
 * The variational state of one conditionally conjugate model under coordinate ascent: the current mean-field
 * factors q(z) = Π_j q_j(z_j) and the data they are fitted to.
 *
 * <p>Contract: {@link #sweep()} replaces every factor once, in a fixed order, by its optimum given the others,
 * q_j*(z_j) ∝ exp(E_{−j}[log p(z_j | z_{−j}, x)]), so that {@link #elbo()} never decreases from one sweep to the
 * next (Blei, Kucukelbir &amp; McAuliffe 2017, §2.4); {@link #elbo()} is the exact ELBO of the current factors,
 * E_q[log p(x, z)] − E_q[log q(z)], computed in closed form. {@link Cavi} runs the loop and checks the
 * monotonicity.
 *
 * <p>A state is mutable (the factors are replaced by each sweep) and belongs to one run; it is not thread-safe.
 */
public interface CaviState {
    /** Updates every factor once. Modifies this state. */
    void sweep();

    /** @return the exact ELBO of the current factors, in nats */
    double elbo();
}
