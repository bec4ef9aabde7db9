package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Schedule;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Bijectors;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;
import org.junit.jupiter.api.Test;

/**
 * {@link ImproperUniform}: not a normalisable distribution, so not under the distribution contract; checked here:
 * log density 0 on the support and −∞ outside, shapes with batch and event dimensions, initial draws inside the
 * support with their unconstrained image in (−2, 2), errors, and a posterior that a flat prior must give.
 */
class ImproperUniformTest {
    static final List<Constraint> SUPPORTS = List.of(
            Constraints.REAL,
            Constraints.POSITIVE,
            Constraints.UNIT_INTERVAL,
            Constraints.interval(-3, 5),
            Constraints.greaterThan(2),
            Constraints.ORDERED,
            Constraints.SIMPLEX);

    @Test
    void logProbIsZeroOnTheSupportAndMinusInfinityOutside() {
        ImproperUniform d = ImproperUniform.of(Constraints.POSITIVE, Shape.of(3));
        Tensor lp = d.logProb(Tensor.of(0.5, -1, 1e300));
        assertEquals(Shape.of(3), lp.shape());
        assertEquals(0, lp.at(0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(1), 0);
        assertEquals(0, lp.at(2), 0);
        assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.of(1, Double.NaN, 1)));
        assertThrows(IllegalArgumentException.class, () -> d.logProb(Tensor.of(1, 2)));
    }

    @Test
    void eventDimensionsComeFromTheSupportsEventRank() {
        ImproperUniform d = ImproperUniform.of(Constraints.ORDERED, Shape.of(4, 2));
        assertEquals(Shape.of(4), d.batchShape());
        assertEquals(Shape.of(2), d.eventShape());
        Tensor v = Tensor.of(new double[] {-1, 1, 2, 1, 0, 3, 5, 6}, 4, 2);
        Tensor lp = d.logProb(v);
        assertEquals(Shape.of(4), lp.shape());
        assertEquals(0, lp.at(0), 0);
        assertEquals(Double.NEGATIVE_INFINITY, lp.at(1), 0);
        // a leading sample dimension broadcasts
        assertEquals(
                Shape.of(3, 4),
                d.logProb(Tensor.zeros(3, 4, 2).add(Tensor.of(0, 1))).shape());
    }

    @Test
    void drawsLieInTheSupportAndComeFromUniformMinusTwoTwoUnconstrained() {
        RandomStream rng = RandomStream.of(17);
        int checked = 0;
        for (Constraint c : SUPPORTS) {
            Shape shape = c.eventRank() == 0 ? Shape.of(5) : Shape.of(5, 3);
            ImproperUniform d = ImproperUniform.of(c, shape);
            Tensor x = d.sample(rng, Shape.of(200));
            assertEquals(shape.prepend(Shape.of(200)), x.shape(), c.name());
            assertFalse(x.requiresGrad());
            assertTrue(c.contains(x), c.name());
            Tensor u = Bijectors.bijectTo(c).inverse(x);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < u.size(); i++) {
                lo = Math.min(lo, u.at(i));
                hi = Math.max(hi, u.at(i));
            }
            // 1e-9: the round trip through the transform (the unconstrained draws themselves lie in (−2, 2)).
            assertTrue(lo > -2 - 1e-9 && hi < 2 + 1e-9, c.name() + ": unconstrained draws in [" + lo + ", " + hi + "]");
            // 200·5·(K−1) ≥ 1000 uniform draws on (−2, 2): the extremes lie within 0.05 of the ends unless an
            // event of probability 2·(1 − 0.05/4)^1000 ≈ 7e-6 occurred.
            assertTrue(lo < -1.95 && hi > 1.95, c.name() + ": unconstrained draws in [" + lo + ", " + hi + "]");
            checked++;
        }
        assertEquals(SUPPORTS.size(), checked);
    }

    @Test
    void badArgumentsAreRejectedWithTheirName() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> ImproperUniform.of(Constraints.NON_NEGATIVE_INTEGER));
        assertTrue(
                e.getMessage().contains("ImproperUniform") && e.getMessage().contains("nonNegativeInteger"),
                e.getMessage());
        var f = assertThrows(
                IllegalArgumentException.class, () -> ImproperUniform.of(Constraints.ORDERED, Shape.SCALAR));
        assertTrue(f.getMessage().contains("event rank"), f.getMessage());
    }

    /**
     * A flat prior on μ with y_i ~ N(μ, 1) has the posterior N(ȳ, 1/N): the mean-field guide is exact, so the fitted
     * loc and scale must match it. Tolerance: as ConjugatePosteriorTest's (the same fit with a proper prior lands
     * within 0.04 sd and 4% there), 0.1 sd and 10%.
     */
    @Test
    void aFlatPriorGivesTheLikelihoodAsPosterior() {
        double[] ys = {2.1, 3.4, 2.9, 4.0, 3.3, 2.2, 3.8, 3.1, 2.7, 3.6};
        Tensor y = Tensor.of(ys);
        Model model = s -> {
            Tensor mu = s.sample("mu", ImproperUniform.of(Constraints.REAL));
            s.observe("y", Normal.of(mu, Tensor.scalar(1.0)), y);
        };
        double mean = 0;
        for (double v : ys) mean += v / ys.length;
        double sd = 1 / Math.sqrt(ys.length);
        Fit f = Svi.of(model, AutoGuide.meanField(model))
                .optimizer(Adam.of(0.05).schedule(Schedule.cosine(3000)))
                .estimator(Elbo.reparameterized(4))
                .seed(3)
                .run(Stop.after(3000));
        assertEquals(mean, f.param("mu_loc").item(), 0.1 * sd);
        assertEquals(1, f.param("mu_scale").item() / sd, 0.1);
    }
}
