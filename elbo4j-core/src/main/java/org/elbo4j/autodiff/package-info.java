/**
 * Reverse-mode automatic differentiation: {@link org.elbo4j.autodiff.Autodiff} differentiates a scalar function
 * of tensors by recording each op on a fresh {@link org.elbo4j.tensor.Tape} and running the backward rules in
 * reverse; {@link org.elbo4j.autodiff.GradCheck} compares against central finite differences.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(1.0, 2.0);
 * ValueAndGrad vg = Autodiff.valueAndGrad(x, t -> t.exp().sum().log());
 * vg.valueAsDouble();   // log(e + e²)
 * vg.gradient(0);       // softmax(x) = [0.268941, 0.731059]
 * }</pre>
 */
package org.elbo4j.autodiff;
