package org.elbo4j.stan.functions;

import static org.elbo4j.stan.functions.Grad.s;
import static org.elbo4j.stan.functions.Grad.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Stan's argument checks (messages as Stan's), its broadcasting rules, and the one-node property. */
class DomainAndBroadcastTest {
    private static String msg(Runnable r) {
        return assertThrows(StanDomainException.class, r::run).getMessage();
    }

    @Test
    void messagesNameTheFunctionArgumentAndValue() {
        assertEquals(
                "normal_lpdf: Scale parameter is -1, but must be positive!",
                msg(() -> Normals.normalLpdf(s(0), s(0), s(-1))));
        assertEquals(
                "normal_lpdf: Scale parameter[2] is 0, but must be positive!",
                msg(() -> Normals.normalLpdf(v(0, 1), s(0), v(1, 0))));
        assertEquals(
                "normal_lpdf: Random variable is nan, but must not be nan!",
                msg(() -> Normals.normalLpdf(s(Double.NaN), s(0), s(1))));
        assertEquals(
                "normal_lpdf: Location parameter is inf, but must be finite!",
                msg(() -> Normals.normalLpdf(s(0), s(Double.POSITIVE_INFINITY), s(1))));
        assertEquals(
                "beta_lpdf: Random variable is 1.5, but must be in the interval [0, 1]!",
                msg(() -> Betas.betaLpdf(s(1.5), s(1), s(1))));
        assertEquals(
                "bernoulli_lpmf: n[2] is 2, but must be in the interval [0, 1]!",
                msg(() -> Bernoullis.bernoulliLpmf(new int[] {0, 2}, s(0.5))));
        assertEquals(
                "poisson_lpmf: Random variable is -1, but must be nonnegative!",
                msg(() -> Counts.poissonLpmf(-1, s(1))));
        assertEquals(
                "uniform_lpdf: Upper bound parameter is 0, but must be greater than 1!",
                msg(() -> Betas.uniformLpdf(s(0.5), s(1), s(0))));
        assertTrue(
                msg(() -> Categoricals.categoricalLpmf(1, v(0.5, 0.6)))
                        .startsWith(
                                "categorical_lpmf: Probabilities parameter is not a valid simplex. sum(Probabilities parameter) = 1.1"));
        assertTrue(msg(() ->
                        Multivariates.multiNormalLpdf(v(0, 0), v(0, 0), Tensor.of(new double[][] {{1, 2}, {2, 1}})))
                .contains("not positive definite"));
        assertTrue(msg(() -> Builders.segment(v(1, 2, 3), 2, 3)).startsWith("segment: index 2 with length 3"));
    }

    @Test
    void containersOfDifferentSizesAreRejected() {
        String m = msg(() -> Normals.normalLpdf(v(0, 1, 2), v(0, 1), s(1)));
        assertTrue(m.startsWith("normal_lpdf: Location parameter has dimension = 2, expecting dimension = 3"), m);
        m = msg(() -> Counts.poissonLpmf(new int[] {1, 2}, v(1, 2, 3)));
        assertTrue(m.startsWith("poisson_lpmf: Rate parameter has dimension = 3, expecting dimension = 2"), m);
        // a vector of size 1 is a container, not a scalar: it must match too
        m = msg(() -> Normals.normalLpdf(v(0, 1), v(0), s(1)));
        assertTrue(m.contains("dimension = 1, expecting dimension = 2"), m);
    }

    @Test
    void scalarsBroadcastAgainstContainers() {
        double want = 0;
        double[] y = {0.3, -1.2, 2.5};
        for (double yi : y) want += Normals.normalLpdf(s(yi), s(0.4), s(1.5)).item();
        assertEquals(want, Normals.normalLpdf(v(y), s(0.4), s(1.5)).item(), 1e-12);
        assertEquals(want, Normals.normalLpdf(v(y), v(0.4, 0.4, 0.4), s(1.5)).item(), 1e-12);
        // scalar y against vector mu: the density of y under each mu, summed
        double w2 = Normals.normalLpdf(s(0.3), s(0.4), s(1.5)).item()
                + Normals.normalLpdf(s(0.3), s(-1), s(1.5)).item();
        assertEquals(w2, Normals.normalLpdf(s(0.3), v(0.4, -1), s(1.5)).item(), 1e-12);
        // an int outcome broadcasts against a vector of probabilities
        assertEquals(
                Math.log(0.2) + Math.log(0.7),
                Bernoullis.bernoulliLpmf(1, v(0.2, 0.7)).item(),
                1e-12);
        // empty containers give 0
        assertEquals(0, Normals.normalLpdf(Tensor.zeros(0), s(0), s(1)).item());
        assertEquals(
                Double.NEGATIVE_INFINITY, Gammas.gammaLpdf(v(1, -1), s(1), s(1)).item());
    }

    @Test
    void aVectorisedDensityIsOneTapeNode() {
        double[] y = new double[1000];
        for (int i = 0; i < y.length; i++) y[i] = Math.sin(i);
        Tensor data = Tensor.of(y);
        for (String fn : new String[] {"normal_lpdf", "cauchy_lpdf", "logistic_lpdf", "student_t_lpdf"}) {
            int[] size = new int[1];
            Autodiff.valueAndGrad(java.util.List.of(s(0.1), s(1.3)), p -> {
                int before = p.get(0).tape().size();
                Tensor out = fn.equals("student_t_lpdf")
                        ? (Tensor) Signatures.call(fn, data, s(4), p.get(0), p.get(1))
                        : (Tensor) Signatures.call(fn, data, p.get(0), p.get(1));
                size[0] = p.get(0).tape().size() - before;
                return out;
            });
            assertEquals(1, size[0], fn + " recorded " + size[0] + " nodes for 1,000 elements");
        }
    }
}
