package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final double TOL = 1e-15;

    @Test
    void constant() {
        assertEquals(1.0, Schedule.constant().factor(0));
        assertEquals(1.0, Schedule.constant().factor(1_000_000));
    }

    @Test
    void stepDecay() {
        Schedule s = Schedule.stepDecay(100, 0.5);
        assertEquals(1.0, s.factor(0));
        assertEquals(1.0, s.factor(99)); // 0.5^⌊99/100⌋ = 0.5^0
        assertEquals(0.5, s.factor(100)); // 0.5^1
        assertEquals(0.25, s.factor(250)); // 0.5^2
    }

    @Test
    void exponential() {
        Schedule s = Schedule.exponential(0.9);
        assertEquals(1.0, s.factor(0));
        assertEquals(0.9, s.factor(1), TOL);
        assertEquals(0.729, s.factor(3), TOL); // 0.9³
    }

    @Test
    void cosine() {
        Schedule s = Schedule.cosine(100);
        assertEquals(1.0, s.factor(0));
        assertEquals(0.5 * (1 + Math.sqrt(0.5)), s.factor(25), TOL); // ½(1 + cos(π/4))
        assertEquals(0.5, s.factor(50), TOL); // ½(1 + cos(π/2))
        assertEquals(0.0, s.factor(100));
        assertEquals(0.0, s.factor(10_000));
    }

    @Test
    void cosineWithWarmupAndFloor() {
        Schedule s = Schedule.cosine(110, 10);
        assertEquals(0.1, s.factor(0), TOL); // (0 + 1)/10
        assertEquals(0.5, s.factor(4), TOL); // (4 + 1)/10
        assertEquals(1.0, s.factor(9)); // end of warm-up
        assertEquals(1.0, s.factor(10)); // cos(0)
        assertEquals(0.5, s.factor(60), TOL); // ½(1 + cos(π·50/100))
        assertEquals(0.0, s.factor(110));
        Schedule f = Schedule.cosine(100, 0, 0.2);
        assertEquals(0.6, f.factor(50), TOL); // 0.2 + 0.8·½
        assertEquals(0.2, f.factor(100));
    }

    @Test
    void optimizerUsesTheFactorOfItsStepCount() {
        // lr 1, exponential(0.5): steps use factors 1, 0.5, 0.25 -> x = 0 - (1 + 0.5 + 0.25)·1 = -1.75
        Optimizer opt = Sgd.of(1).schedule(Schedule.exponential(0.5));
        ParamStore p = Steps.start(0);
        for (int k = 0; k < 3; k++) Steps.step(opt, p, 1);
        assertEquals(-1.75, p.get("w").at(0));
    }

    @Test
    void aBadFactorStopsTheStep() {
        Optimizer opt = Sgd.of(1).schedule(k -> -1);
        ParamStore p = Steps.start(0);
        var e = assertThrows(IllegalStateException.class, () -> Steps.step(opt, p, 1));
        assertTrue(e.getMessage().contains("schedule factor -1.0"), e.getMessage());
        assertEquals(0, opt.steps());
    }

    @Test
    void rejectsBadArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> Schedule.stepDecay(0, 0.5));
        assertEquals("Schedule.stepDecay: stepSize must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.stepDecay(10, Double.NaN));
        assertEquals("Schedule.stepDecay: gamma must be finite and > 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(0));
        assertEquals("Schedule.exponential: gamma must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(0));
        assertEquals("Schedule.cosine: total must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(10, 10));
        assertEquals("Schedule.cosine: warmup must be in [0, total = 10), got 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(10, 0, 1.5));
        assertEquals("Schedule.cosine: floor must be in [0, 1], got 1.5", e.getMessage());
    }
}
