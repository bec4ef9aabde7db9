/**
 * Special functions for tensor kernels and distributions, as static {@code double} functions in
 * {@link org.elbo4j.math.Special}: log-gamma, digamma and trigamma, log-beta and log-binomials, the
 * numerically stable logistic family (softplus, log-sigmoid, log1mexp, log-sum-exp), the error function and
 * the normal CDF, log-CDF and quantile, the regularized incomplete gamma and beta functions, and the
 * derivative of P(a, x) in the shape that gives the Gamma distribution its implicit reparameterization
 * gradient (Figurnov, Mohamed &amp; Mnih 2018). Each is checked against mpmath in the tests.
 *
 * <pre>{@code
 * double softplus = Special.log1pexp(800.0);                // 800.0, no overflow
 * double lse = Special.logSumExp(new double[] {Double.NEGATIVE_INFINITY, 0, 1}, 0, 3);
 * double tail = Special.normalLogCdf(-40.0);                // -804.6084420137538, where Phi(-40) underflows
 * double x = 0.7;                                           // a Gamma(2.5, 1) sample
 * double dxda = Special.standardGammaSampleGrad(2.5, x);    // pathwise d(sample)/d(shape)
 * }</pre>
 */
package org.elbo4j.math;
