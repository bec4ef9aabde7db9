package org.elbo4j.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The javadoc examples of {@code org.elbo4j.math}, verbatim, each followed by checks of its comments. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        double softplus = Special.log1pexp(800.0); // 800.0, no overflow
        double lse = Special.logSumExp(new double[] {Double.NEGATIVE_INFINITY, 0, 1}, 0, 3);
        double tail = Special.normalLogCdf(-40.0); // -804.6084420137538, where Phi(-40) underflows
        double x = 0.7; // a Gamma(2.5, 1) sample
        double dxda = Special.standardGammaSampleGrad(2.5, x); // pathwise d(sample)/d(shape)
        assertEquals(800.0, softplus, 0);
        assertEquals(Math.log(1 + Math.E), lse, 1e-15);
        assertEquals(-804.6084420137538, tail, 1e-12);
        // d(sample)/d(shape) = −(∂F/∂a)/(∂F/∂x) for the Gamma CDF F(x; a): central differences in a
        double h = 1e-5;
        double dFda = (Special.regularizedGammaP(2.5 + h, x) - Special.regularizedGammaP(2.5 - h, x)) / (2 * h);
        double pdf = Math.exp(1.5 * Math.log(x) - x - Special.lgamma(2.5));
        assertEquals(-dFda / pdf, dxda, 1e-6);
    }
}
