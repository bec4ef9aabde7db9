package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Categorical;
import org.elbo4j.distributions.Normal;
import org.elbo4j.distributions.Poisson;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Enumeration of discrete sites ({@link Elbo#traceEnum}) against sums written out by hand. */
class EnumerationTest {
    static final double[] Y4 = {-0.7, 2.9, 0.4, 3.8};
    static final double[] PRIOR = {0.2, 0.5, 0.3};
    static final double[] MU = {-1, 0.5, 2};

    /** A global categorical z0, and per point a Bernoulli z whose probability and the point's mean depend on z0. */
    static final Model TWO_LEVEL = s -> {
        Tensor z0 = s.enumerate("z0", Categorical.ofProbs(PRIOR));
        Tensor mu = Vindex.rows(Tensor.of(MU), z0);
        try (Plate p = s.plate("data", Y4.length)) {
            Tensor z = s.enumerate("z", Bernoulli.ofProbs(mu.sigmoid()));
            s.observe("y", Normal.of(mu.add(z.mul(1.5)), Tensor.scalar(1.0)), Tensor.of(Y4));
        }
    };

    static double normalLogPdf(double y, double m) {
        return -0.5 * Math.log(2 * Math.PI) - 0.5 * (y - m) * (y - m);
    }

    static ParamBinder constants() {
        return new ParamBinder(new ParamStore(), null, new HashMap<>());
    }

    /** log Σ_{z0} p(z0) Π_i Σ_z p(z | z0) N(y_i | μ_{z0} + 1.5 z, 1), to rounding. */
    @Test
    void parallelEnumerationEqualsTheSumWrittenOut() {
        double total = 0;
        double[] perZ0 = new double[3];
        for (int k = 0; k < 3; k++) {
            double lp = Math.log(PRIOR[k]), p1 = 1 / (1 + Math.exp(-MU[k]));
            for (double y : Y4) {
                lp += Math.log(
                        (1 - p1) * Math.exp(normalLogPdf(y, MU[k])) + p1 * Math.exp(normalLogPdf(y, MU[k] + 1.5)));
            }
            perZ0[k] = lp;
            total += Math.exp(lp);
        }
        Estimate e = Elbo.traceEnum(1).estimate(TWO_LEVEL, s -> {}, constants(), RandomStream.of(1));
        assertEquals(Math.log(total), e.elbo(), 1e-12);
    }

    /** Bad input gets one clear error naming the site. */
    @Test
    void errorsNameTheSite() {
        Model poisson = s -> s.enumerate("n", Poisson.of(3.0));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Elbo.traceEnum(0).estimate(poisson, s -> {}, constants(), RandomStream.of(1)));
        assertTrue(e.getMessage().contains("site 'n': Poisson cannot be enumerated"), e.getMessage());
        IllegalArgumentException deep = assertThrows(
                IllegalArgumentException.class,
                () -> Elbo.traceEnum(0).estimate(TWO_LEVEL, s -> {}, constants(), RandomStream.of(1)));
        assertTrue(deep.getMessage().contains("more than maxPlateNesting = 0"), deep.getMessage());
        Model unplated = s -> {
            Tensor z = s.enumerate("z", Bernoulli.ofProbs(0.5));
            s.observe("y", Normal.of(z, Tensor.scalar(1.0)), Tensor.of(Y4));
        };
        IllegalArgumentException plate = assertThrows(
                IllegalArgumentException.class,
                () -> Elbo.traceEnum(1).estimate(unplated, s -> {}, constants(), RandomStream.of(1)));
        assertTrue(plate.getMessage().contains("site 'y'"), plate.getMessage());
    }
}
