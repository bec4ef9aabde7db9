package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link FitSettings#threads}: the recipe's result is the same bits with one thread and with two (restarts explored
 * together, the verdict's further draws made beside its first ones), and the listener hears the same restarts.
 */
class DefaultFitThreadsTest {
    /** Eight schools, non-centered: the default recipe escalates to full rank and adds draws to its verdict. */
    static final Model EIGHT_SCHOOLS = s -> {
        double[] y = {28, 8, -3, 7, -1, 1, 18, 12}, sigma = {15, 10, 16, 11, 9, 11, 10, 18};
        Tensor mu = s.sample("mu", Normal.of(0, 5));
        Tensor tau = s.sample("tau", HalfCauchy.of(5));
        Tensor eta = s.sample("theta_trans", Normal.of(Tensor.zeros(8), Tensor.ones(8)));
        Tensor theta = s.deterministic("theta", mu.add(tau.mul(eta)));
        s.observe("y", Normal.of(theta, Tensor.of(sigma)), Tensor.of(y));
    };

    /** What a listener records: every callback but onStep, in order. */
    static final class Log implements FitListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onRestartStart(AutoGuide.Family family, int index, int of) {
            events.add("start " + family + " " + index);
        }

        @Override
        public void onRestartEnd(Restart r) {
            events.add(
                    "end " + r.family() + " " + r.index() + " " + r.describe().replaceAll("[0-9.]+ s;", "s;"));
        }

        @Override
        public void onAttempt(FitResult.Attempt a) {
            events.add("attempt " + a.family() + " " + a.verdict().describe());
        }
    }

    @Test
    void theDefaultRecipeGivesTheSameBitsWithOneAndTwoThreads() {
        FitSettings s = FitSettings.defaults().seed(5);
        Log one = new Log(), two = new Log();
        FitResult a = DefaultFit.run(EIGHT_SCHOOLS, s.threads(1), one);
        FitResult b = DefaultFit.run(EIGHT_SCHOOLS, s.threads(2), two);
        assertEquals(AutoGuide.Family.FULL_RANK, a.chosen().family(), "escalated: both families ran");
        assertEquals(10_000, a.draws().size(), "the verdict's further draws were used");
        assertSameBits(a, b);
        assertEquals(one.events.size(), two.events.size(), two.events.toString());
        // with threads, the restarts explored together are all announced before any of them ends
        assertEquals(sorted(one.events), sorted(two.events));
    }

    @Test
    void furtherDrawsThatTheVerdictDoesNotNeedAreDroppedWithTheSameResult() {
        Model m = s -> s.observe("y", Normal.of(s.sample("mu", Normal.of(0, 10)), Tensor.scalar(1.0)), Tensor.of(2.5));
        FitSettings s = FitSettings.defaults().annealSteps(300).draws(6_000).seed(9);
        FitResult a = DefaultFit.run(m, s.threads(1));
        FitResult b = DefaultFit.run(m, s.threads(3));
        assertEquals(DefaultFit.FIRST_VERDICT_DRAWS, a.draws().size(), "a conjugate normal: settled at once");
        assertSameBits(a, b);
    }

    static List<String> sorted(List<String> xs) {
        List<String> c = new ArrayList<>(xs);
        c.sort(null);
        return c;
    }

    static void assertSameBits(FitResult a, FitResult b) {
        assertEquals(a.attempts().size(), b.attempts().size());
        assertEquals(a.answer(), b.answer());
        for (int i = 0; i < a.attempts().size(); i++) {
            FitResult.Attempt x = a.attempts().get(i), y = b.attempts().get(i);
            assertEquals(x.chosen(), y.chosen());
            assertEquals(x.verdict().describe(), y.verdict().describe());
            assertEquals(x.restarts().size(), y.restarts().size());
            for (int r = 0; r < x.restarts().size(); r++) {
                Restart p = x.restarts().get(r), q = y.restarts().get(r);
                assertEquals(Double.doubleToLongBits(p.elbo()), Double.doubleToLongBits(q.elbo()), q.describe());
                assertEquals(p.status(), q.status());
                assertEquals(p.gradientEvaluations(), q.gradientEvaluations());
                assertEquals(p.cost(), q.cost());
            }
            if (x.draws() == null) continue;
            assertArrayEquals(x.draws().logP(), y.draws().logP());
            assertArrayEquals(x.draws().logQ(), y.draws().logQ());
            for (int d = 0; d < x.draws().size(); d++)
                assertArrayEquals(x.draws().values()[d], y.draws().values()[d]);
        }
    }
}
