/**
 * Constraints (the supports of distributions, declared as data) and bijective transforms with their log
 * absolute Jacobian determinants, as ADVI needs to put a Gaussian guide on ℝⁿ and carry its draws onto a
 * constrained support: {@link org.elbo4j.transform.Bijectors#bijectTo} gives the default transform onto a
 * {@link org.elbo4j.transform.Constraint} (exp onto the positive reals, lo + eˣ, hi − eˣ, the scaled sigmoid
 * onto an interval, stick-breaking onto the simplex, tanh partial correlations onto correlation Cholesky
 * factors, lower-Cholesky and L·Lᵀ onto positive-definite matrices). Every forward, inverse and log|det J| is
 * differentiable; inverses reject values outside their codomain, forwards reject non-finite values, with a
 * message that names the transform.
 *
 * <pre>{@code
 * Transform t = Bijectors.bijectTo(Constraints.SIMPLEX);          // stick-breaking, ℝ² → 3-simplex
 * Tensor x = Tensor.of(0.0, 0.0);
 * Tensor y = t.forward(x);                                         // [1/3, 1/3, 1/3]
 * Tensor logDetJ = t.logAbsDetJacobian(x, y);                      // log(1/27) = −3.29584
 * t.inverse(y);                                                    // [0, 0]
 * }</pre>
 */
package org.elbo4j.transform;
