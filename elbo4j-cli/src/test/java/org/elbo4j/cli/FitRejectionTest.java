package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The two runs that used to crash with an exception from the model at a candidate point (issue 16, BAD): Stan's
 * step-size search on eight schools, and SGD with a huge learning rate.
 */
class FitRejectionTest {

    /** Before: "elbo4j: error: Normal: loc must be finite, got -Infinity" from the η = 100 candidate. */
    @Test
    void adaptationOnEightSchoolsRejectsTheCandidatesThatLeaveTheDomain() {
        FitCommandTest.Run r = FitCommandTest.run("fit", "eight_schools_noncentered", "--fast", "--adapt", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("adapted learning rate"), r.out());
        assertTrue(r.out().contains("candidate(s) rejected where the model was undefined"), r.out());
    }

    /** Before: "Normal: scale must be > 0 and finite, got 0.0" escaping from a step; now: undone steps, a clear end. */
    @Test
    void sgdWithAHugeLearningRateEndsWithOneClearLine() {
        FitCommandTest.Run r = FitCommandTest.run(
                "fit", "eight_schools_noncentered", "--fast", "--optimizer", "sgd", "--lr", "10", "--quiet");
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        if (r.code() != 0) {
            assertEquals(1, r.code(), r.err());
            assertTrue(
                    last.startsWith(Errors.PREFIX + "the fit diverged") || last.contains("SVI failed at step"),
                    r.err());
            assertEquals(
                    1, r.err().lines().filter(l -> l.startsWith(Errors.PREFIX)).count(), r.err());
        }
        assertTrue(r.err().contains("undone (the model is undefined here"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
