/**
 * Stan's function library: every function and distribution that the posteriordb corpus uses (and the families
 * around them), as public static methods over {@link org.elbo4j.tensor.Tensor}, {@code int} and {@code int[]},
 * listed with their Stan signatures in the resource {@code org/elbo4j/stan/functions/signatures.txt}. Densities
 * return the full log density (every constant) summed over their vectorised elements, as one tape node with
 * closed-form partials; bad arguments throw {@link org.elbo4j.stan.functions.StanDomainException} with Stan's
 * message.
 *
 * <pre>{@code
 * Tensor y = Tensor.of(0.3, -1.2, 2.5);
 * Tensor lp = Normals.normalLpdf(y, Tensor.scalar(0.4), Tensor.scalar(1.5));   // normal_lpdf(y | 0.4, 1.5)
 * lp.item();                                                                    // -5.5243...
 * Normals.normalLpdf(y, Tensor.scalar(0), Tensor.scalar(-1));
 * // StanDomainException: normal_lpdf: Scale parameter is -1, but must be positive!
 * }</pre>
 */
package org.elbo4j.stan.functions;
