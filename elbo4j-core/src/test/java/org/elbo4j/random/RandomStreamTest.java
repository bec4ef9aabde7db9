package org.elbo4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Determinism, equivalence with the JDK's L64X128MixRandom, state round trips, split/fork and bad input. */
class RandomStreamTest {
    private static final long[] SEEDS = {0L, 1L, 42L, -1L, Long.MIN_VALUE, 0x123456789abcdefL};
    private static final int DRAWS = 1000;

    private static long[] longs(RandomGenerator g, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = g.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedGivesBitIdenticalSequences() {
        RandomStream r1 = RandomStream.of(42);
        RandomStream r2 = RandomStream.of(42);
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(r1.nextLong(), r2.nextLong());
            assertEquals(Double.doubleToRawLongBits(r1.nextGaussian()), Double.doubleToRawLongBits(r2.nextGaussian()));
            assertEquals(
                    Double.doubleToRawLongBits(r1.nextExponential()), Double.doubleToRawLongBits(r2.nextExponential()));
            assertEquals(Double.doubleToRawLongBits(r1.nextOpenUnit()), Double.doubleToRawLongBits(r2.nextOpenUnit()));
        }
        assertNotEquals(RandomStream.of(42).nextLong(), RandomStream.of(43).nextLong());
    }

    @Test
    void matchesTheJdkL64X128MixRandom() {
        int checked = 0;
        for (long seed : SEEDS) {
            RandomGenerator.SplittableGenerator jdk = (RandomGenerator.SplittableGenerator)
                    RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
            RandomStream ours = RandomStream.of(seed);
            assertArrayEquals(longs(jdk, 100), longs(ours, 100), "nextLong, seed " + seed);
            for (int i = 0; i < 100; i++) {
                assertEquals(jdk.nextDouble(), ours.nextDouble(), 0.0, "nextDouble, seed " + seed);
                assertEquals(jdk.nextGaussian(), ours.nextGaussian(), 0.0, "nextGaussian, seed " + seed);
                assertEquals(jdk.nextExponential(), ours.nextExponential(), 0.0, "nextExponential, seed " + seed);
            }
            RandomGenerator jdkChild = jdk.split();
            RandomStream ourChild = ours.split();
            assertArrayEquals(longs(jdkChild, 100), longs(ourChild, 100), "split child, seed " + seed);
            assertArrayEquals(longs(jdk, 100), longs(ours, 100), "parent after split, seed " + seed);
            checked++;
        }
        assertEquals(SEEDS.length, checked);
    }

    @Test
    void stateSaveAndRestoreResumesBitIdentically() {
        RandomStream r = RandomStream.of(7);
        longs(r, 123);
        r.nextGaussian();
        RandomStream.State saved = r.state();
        assertEquals(saved, r.state(), "state() must not advance the stream");
        long[] expected = longs(r, DRAWS);
        assertArrayEquals(expected, longs(RandomStream.restore(saved), DRAWS));
        String text = saved.encode();
        assertEquals(saved, RandomStream.State.decode(text));
        assertArrayEquals(expected, longs(RandomStream.decode(text), DRAWS));
        assertArrayEquals(
                expected,
                longs(RandomStream.decode(text.toUpperCase().replace("L64X128MIXRANDOM", "L64X128MixRandom")), DRAWS),
                "upper-case hex digits are accepted");
    }

    @Test
    void stateIsAnImmutableValue() {
        RandomStream.State s = RandomStream.of(3).state();
        long[] w = s.words();
        w[1] ^= 1;
        assertNotEquals(s, new RandomStream.State(w));
        assertEquals(s, RandomStream.of(3).state());
        assertEquals(s.hashCode(), RandomStream.of(3).state().hashCode());
        assertTrue(s.encode().matches("L64X128MixRandom(:[0-9a-f]{16}){4}"), s.encode());
    }

    @Test
    void badStatesAreRejectedWithTheirValue() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RandomStream.State(new long[] {2, 0, 1, 1}));
        assertTrue(e.getMessage().contains("words[0]") && e.getMessage().contains("0x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomStream.State(new long[] {1, 0, 0, 0}));
        assertTrue(e.getMessage().contains("x0, x1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RandomStream.State(new long[3]));
        assertTrue(e.getMessage().contains("3 words"), e.getMessage());
        for (String bad : new String[] {
            "",
            "L64X128MixRandom:00",
            "Xoshiro:0000000000000001:0:0:0",
            "L64X128MixRandom:000000000000000g:0000000000000000:0000000000000001:0000000000000001",
            "L64X128MixRandom:0000000000000001:0000000000000000:0000000000000001"
        }) {
            e = assertThrows(IllegalArgumentException.class, () -> RandomStream.decode(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void splitChildrenDifferFromTheParentAndFromEachOther() {
        RandomStream parent = RandomStream.of(11);
        RandomStream[] kids = parent.split(4);
        long[][] seqs = new long[5][];
        seqs[0] = longs(parent, 100);
        for (int i = 0; i < 4; i++) {
            seqs[i + 1] = longs(kids[i], 100);
        }
        // Any coincidence of two 64-bit outputs at the same position has probability 2^-64 per pair.
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                for (int k = 0; k < 100; k++) {
                    assertNotEquals(seqs[i][k], seqs[j][k], "streams " + i + " and " + j + " at " + k);
                }
            }
        }
        RandomStream[] again = RandomStream.of(11).split(4);
        assertArrayEquals(seqs[3], longs(again[2], 100), "split is deterministic given the parent");
    }

    @Test
    void forkIsDeterministicDoesNotAdvanceAndSeparatesKeys() {
        RandomStream parent = RandomStream.of(5);
        longs(parent, 10);
        RandomStream.State before = parent.state();
        long[] a = longs(parent.fork(17), 100);
        long[] b = longs(parent.fork(17), 100);
        assertArrayEquals(a, b);
        assertEquals(before, parent.state(), "fork must not advance the parent");
        Set<Long> firsts = new HashSet<>();
        int keys = 0;
        for (long key = -500; key < 500; key++) {
            firsts.add(parent.fork(key).nextLong());
            keys++;
        }
        // 1000 distinct keys: a collision among first outputs has probability about 1000^2 / 2^65 = 3e-14.
        assertEquals(keys, firsts.size());
        assertFalse(Arrays.equals(a, longs(parent.split(), 100)));
        parent.nextLong();
        assertFalse(Arrays.equals(a, longs(parent.fork(17), 100)), "fork depends on the parent's current state");
    }

    /** Inverse of lea64: xorshift-32 is an involution, and the multiplier is odd, hence invertible mod 2^64. */
    private static long unLea64(long z) {
        long c = 0xdaba0b6eb09322e3L;
        long inv = c; // Newton: each step doubles the number of correct low bits (3 → 6 → … → 96)
        for (int i = 0; i < 5; i++) {
            inv *= 2 - c * inv;
        }
        z ^= z >>> 32;
        z *= inv;
        z ^= z >>> 32;
        z *= inv;
        return z ^ (z >>> 32);
    }

    @Test
    void openUnitExcludesBothEndsEvenForExtremeOutputs() {
        assertEquals(0xdeadbeefL, Mix.lea64(unLea64(0xdeadbeefL)));
        // First output is lea64(s + x0): choose s so that it is 0, then all ones.
        RandomStream zero = RandomStream.restore(new RandomStream.State(new long[] {1, -5, 5, 7}));
        RandomStream ones = RandomStream.restore(new RandomStream.State(new long[] {1, unLea64(-1L) - 5, 5, 7}));
        assertEquals(0L, RandomStream.restore(zero.state()).nextLong());
        assertEquals(-1L, RandomStream.restore(ones.state()).nextLong());
        assertEquals(0x1.0p-53, RandomStream.restore(zero.state()).nextOpenUnit());
        assertEquals(1 - 0x1.0p-53, RandomStream.restore(ones.state()).nextOpenUnit());
        assertEquals(0.0, RandomStream.restore(zero.state()).nextDouble());
        assertTrue(RandomStream.restore(ones.state()).nextDouble() < 1.0);
        RandomStream r = RandomStream.of(99);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            double u = r.nextOpenUnit();
            assertTrue(u > 0.0 && u < 1.0, "u = " + u);
            assertTrue(Double.isFinite(-Math.log(u)) && Double.isFinite(-Math.log1p(-u)));
        }
    }

    @Test
    void bulkFillsMatchSingleDrawsAndCheckRanges() {
        double[] out = new double[10];
        RandomStream a = RandomStream.of(1);
        RandomStream b = RandomStream.of(1);
        a.fillGaussian(out, 2, 5);
        assertEquals(0.0, out[1]);
        assertEquals(0.0, out[7]);
        for (int i = 2; i < 7; i++) {
            assertEquals(b.nextGaussian(), out[i], 0.0);
        }
        a.fillUniform(out, 0, 3);
        a.fillOpenUnit(out, 3, 3);
        a.fillExponential(out, 6, 4);
        for (int i = 0; i < 3; i++) {
            assertEquals(b.nextDouble(), out[i], 0.0);
        }
        for (int i = 3; i < 6; i++) {
            assertEquals(b.nextOpenUnit(), out[i], 0.0);
        }
        for (int i = 6; i < 10; i++) {
            assertEquals(b.nextExponential(), out[i], 0.0);
        }
        RandomStream.State s = a.state();
        a.fillGaussian(out, 10, 0);
        assertEquals(s, a.state(), "an empty fill draws nothing");
        assertThrows(IndexOutOfBoundsException.class, () -> a.fillGaussian(out, 8, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> a.fillUniform(out, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> a.fillExponential(out, 0, -1));
    }

    @Test
    void badArgumentsNameTheArgumentAndValue() {
        RandomStream r = RandomStream.of(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.split(0));
        assertTrue(e.getMessage().contains("n must be positive, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.split(-3));
        assertTrue(e.getMessage().contains("got -3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        assertTrue(e.getMessage().contains("bound must be positive, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.nextInt(-7));
        assertTrue(e.getMessage().contains("got -7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> r.permutation(-1));
        assertTrue(e.getMessage().contains("n must be non-negative, got -1"), e.getMessage());
    }

    @Test
    void permutationsArePermutations() {
        RandomStream r = RandomStream.of(8);
        assertEquals(0, r.permutation(0).length);
        assertArrayEquals(new int[] {0}, r.permutation(1));
        int[] p = r.permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        int[] v = {10, 20, 30, 40, 50, 60};
        r.shuffle(v, 1, 3);
        assertEquals(10, v[0]);
        assertEquals(50, v[4]);
        int[] mid = Arrays.copyOfRange(v, 1, 4);
        Arrays.sort(mid);
        assertArrayEquals(new int[] {20, 30, 40}, mid);
    }
}
