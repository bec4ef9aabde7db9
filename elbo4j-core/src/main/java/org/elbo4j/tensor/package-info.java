/**
 * Immutable n-dimensional arrays of doubles with NumPy broadcasting, and the {@link org.elbo4j.tensor.Tape}
 * on which ops record their backward rules when an input is a parameter of a gradient evaluation.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
 * Tensor b = Tensor.of(10, 20);
 * x.add(b);                 // [[11.0, 22.0], [13.0, 24.0]]   (b broadcast over rows)
 * x.matmul(x.transpose());  // [[5.0, 11.0], [11.0, 25.0]]
 * x.logSumExp(1);           // [2.31326, 4.31326]
 * }</pre>
 */
package org.elbo4j.tensor;
