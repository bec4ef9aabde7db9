package org.elbo4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.elbo4j.random.RandomStream;
import org.junit.jupiter.api.Test;

/** Minibatches in passes: every document once per pass, the same draws when a run resumes mid-pass. */
class PassesTest {
    static final long[] SIZES = {7, 13, 0, 20}; // D = 40, uneven partitions, one empty

    @Test
    void everyDocumentIsUsedExactlyOncePerPass() {
        RandomStream root = RandomStream.of(3);
        Passes passes = new Passes(SIZES, 6, root); // 7 steps per pass, the last of 4 documents
        assertEquals(7, passes.stepsPerPass());
        int[] offsets = {0, 7, 20, 20};
        for (int pass = 0; pass < 3; pass++) {
            int[] uses = new int[40];
            for (int j = 0; j < 7; j++) {
                Passes.Draw d = passes.at(pass * 7L + j);
                assertEquals(pass, d.pass());
                assertEquals(j < 6 ? 6 : 4, d.size());
                int total = 0;
                for (int p = 0; p < SIZES.length; p++) {
                    total += d.counts()[p];
                    for (int i : Passes.rows(root, d, p, (int) SIZES[p])) uses[offsets[p] + i]++;
                }
                assertEquals(d.size(), total);
            }
            for (int i = 0; i < 40; i++) assertEquals(1, uses[i], "document " + i + " in pass " + pass);
        }
    }

    @Test
    void aResumedRunDrawsTheSameMinibatches() {
        Passes straight = new Passes(SIZES, 6, RandomStream.of(3));
        Passes.Draw[] all = new Passes.Draw[20];
        for (int t = 0; t < 20; t++) all[t] = straight.at(t);
        Passes resumed = new Passes(SIZES, 6, RandomStream.of(3));
        for (int t = 10; t < 20; t++) { // starts mid-pass (pass 1 begins at step 7): steps 7–9 are replayed
            Passes.Draw d = resumed.at(t);
            assertArrayEquals(all[t].counts(), d.counts(), "step " + t);
            assertArrayEquals(all[t].offsets(), d.offsets(), "step " + t);
        }
    }

    @Test
    void aBatchAsLargeAsTheCorpusTakesEveryDocumentAtEveryStep() {
        Passes passes = new Passes(SIZES, 100, RandomStream.of(1));
        assertEquals(1, passes.stepsPerPass());
        assertArrayEquals(new int[] {7, 13, 0, 20}, passes.at(5).counts());
        assertEquals(40, passes.at(6).size());
    }
}
