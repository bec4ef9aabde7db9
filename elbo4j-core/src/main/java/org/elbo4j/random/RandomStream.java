package org.elbo4j.random;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A seeded, splittable, reproducible stream of pseudorandom numbers: the only source of randomness in elbo4j.
 * Distributions hold no generator; every draw takes a {@code RandomStream}, and independent parts of a
 * computation (sites, threads, replicates, minibatch shuffles) get their own stream by {@link #split()} or
 * {@link #fork(long)}, so that the same seed gives bit-identical results.
 *
 * <p><b>Algorithm.</b> The generator is L64X128MixRandom, the LXM member that the JDK ships (Steele &amp; Vigna
 * 2021), re-implemented here so that its state is a value we can save, restore and encode. The state is
 * four 64-bit words {@code (a, s, x0, x1)}: an LCG {@code s ← M·s + a} (M = 0xd1342543de82ef95, a odd), a
 * xoroshiro128 generator on {@code (x0, x1)} (not both zero), and the output
 * {@code lea64(s + x0)} computed before both are advanced. The period is 2^64·(2^128 − 1); streams with
 * different {@code a} are different generators. Seeding by {@link #of(long)}, {@link #split()},
 * {@link #nextLong()}, {@link #nextDouble()}, {@link #nextGaussian()} and {@link #nextExponential()} are
 * bit-identical to {@code RandomGeneratorFactory.of("L64X128MixRandom")} of the running JDK (checked in the
 * tests); Gaussian and exponential variates come from the JDK's modified ziggurat
 * ({@code RandomGenerator}'s default methods, McFarland 2016).
 *
 * <p><b>Split and fork.</b> {@code split()} follows the JDK: the parent draws a "brine" word b and three more
 * words, and the child is {@code (2b+1, w1, w2, w3)}; the parent advances by four outputs. {@code fork(key)}
 * leaves the parent untouched: it hashes the key and the parent's four words into h by a chain of bijective
 * mixers, {@code h = st(st(st(st(mm(key ⊕ SILVER) ⊕ a) ⊕ s) ⊕ x0) ⊕ x1)} (mm = MurmurHash3 finalizer, st =
 * Stafford's variant 13), and runs SplitMix64 from h to fill the child's {@code (a|1, s, x0, x1)}. For a fixed
 * parent the map key → h is a bijection, so different keys give children with different LCG states.
 *
 * <p><b>State.</b> {@link #state()} and {@link #restore(State)} save and resume a stream bit-identically;
 * {@link State#encode()} gives a hex string for JSON checkpoints. A stream is not thread-safe: give each thread
 * its own stream (by {@code fork(threadIndex)}).
 *
 * <blockquote>
 * G. L. Steele Jr., S. Vigna, "LXM: better splittable pseudorandom number generators (and almost as fast)",
 * Proc. ACM Program. Lang. 5 (OOPSLA), article 148, 2021.<br>
 * G. L. Steele Jr., D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014
 * (SplitMix64).<br>
 * C. McFarland, "A modified ziggurat algorithm for generating exponentially and normally distributed
 * pseudorandom numbers", J. Stat. Comput. Simul. 86(7), 2016.<br>
 * D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019.
 * </blockquote>
 */
public final class RandomStream implements RandomGenerator {
    /** LCG multiplier of L64X128MixRandom (Steele &amp; Vigna 2021, table of spectral scores). */
    private static final long M = 0xd1342543de82ef95L;

    private final long a;
    private long s;
    private long x0;
    private long x1;

    private RandomStream(long a, long s, long x0, long x1) {
        this.a = a | 1;
        this.s = s;
        if ((x0 | x1) == 0) { // xoroshiro must not start at zero: refill from the LCG word, as the JDK does
            long v = s;
            x0 = Mix.stafford13(v += Mix.GOLDEN_RATIO_64);
            x1 = Mix.stafford13(v + Mix.GOLDEN_RATIO_64);
        }
        this.x0 = x0;
        this.x1 = x1;
    }

    /**
     * A stream seeded from a single {@code long}, exactly as {@code new L64X128MixRandom(seed)}: a is
     * MurmurHash3 of {@code seed ⊕ SILVER}, s = 1, and x0, x1 are the first two SplitMix64 outputs.
     *
     * @param seed any value; equal seeds give identical streams
     * @return a new stream
     */
    public static RandomStream of(long seed) {
        long z = seed ^ Mix.SILVER_RATIO_64;
        return new RandomStream(Mix.murmur64(z), 1, Mix.stafford13(z), Mix.stafford13(z + Mix.GOLDEN_RATIO_64));
    }

    /**
     * Resumes a stream from a saved state: the result produces exactly the numbers the saved stream would
     * have produced next.
     *
     * @param state a state from {@link #state()} or {@link State#decode(String)}
     * @return a new stream
     * @throws NullPointerException if {@code state} is null
     */
    public static RandomStream restore(State state) {
        long[] w = state.words;
        return new RandomStream(w[0], w[1], w[2], w[3]);
    }

    /**
     * Resumes a stream from the text of {@link #encode()}.
     *
     * @param text the encoded state
     * @return a new stream
     * @throws IllegalArgumentException if {@code text} is not a valid encoding (see {@link State#decode})
     */
    public static RandomStream decode(String text) {
        return restore(State.decode(text));
    }

    /** @return the current state, a value; the stream is not modified */
    public State state() {
        return new State(new long[] {a, s, x0, x1});
    }

    /** @return the current state as text, {@code state().encode()} */
    public String encode() {
        return state().encode();
    }

    /**
     * A new stream, statistically independent of this one, drawn from this stream's outputs (the JDK's
     * {@code split()}). This stream advances by four outputs.
     *
     * @return the child stream
     */
    public RandomStream split() {
        long brine = nextLong();
        return new RandomStream(brine << 1, nextLong(), nextLong(), nextLong()); // arguments evaluate left to right
    }

    /**
     * {@code n} children by {@code n} successive {@link #split()} calls.
     *
     * @param n the number of children, at least 1
     * @return an array of length n
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public RandomStream[] split(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("split: n must be positive, got " + n);
        }
        RandomStream[] out = new RandomStream[n];
        for (int i = 0; i < n; i++) {
            out[i] = split();
        }
        return out;
    }

    /**
     * A child stream that depends only on this stream's current state and {@code key}; this stream is not
     * advanced. {@code rng.fork(i)} gives site, thread or replicate {@code i} its own reproducible stream,
     * whatever order the children are made in. The derivation is in the class documentation.
     *
     * @param key any value; different keys give different children
     * @return the child stream
     */
    public RandomStream fork(long key) {
        long h = Mix.murmur64(key ^ Mix.SILVER_RATIO_64);
        h = Mix.stafford13(h ^ a);
        h = Mix.stafford13(h ^ s);
        h = Mix.stafford13(h ^ x0);
        h = Mix.stafford13(h ^ x1);
        return new RandomStream(
                Mix.stafford13(h + Mix.GOLDEN_RATIO_64),
                Mix.stafford13(h + 2 * Mix.GOLDEN_RATIO_64),
                Mix.stafford13(h + 3 * Mix.GOLDEN_RATIO_64),
                Mix.stafford13(h + 4 * Mix.GOLDEN_RATIO_64));
    }

    /** @return the next 64 uniformly distributed bits (L64X128MixRandom) */
    @Override
    public long nextLong() {
        final long result = Mix.lea64(s + x0); // output from the old state, so the two updates can overlap
        s = M * s + a;
        long q0 = x0;
        long q1 = x1 ^ q0; // xoroshiro128 v1.0: rotations 24, 16, 37
        x0 = Long.rotateLeft(q0, 24) ^ q1 ^ (q1 << 16);
        x1 = Long.rotateLeft(q1, 37);
        return result;
    }

    /** @return a uniform double in [0, 1), a multiple of 2^-53 (the JDK's definition) */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A uniform double in the open interval (0, 1): one of the 2^52 midpoints (k + ½)·2^-52. Never 0 or 1, so
     * {@code -log(u)}, {@code log(1 - u)} and inverse CDFs are finite; symmetric, so {@code 1 - u} has the
     * same distribution as {@code u}.
     *
     * @return u with 2^-53 ≤ u ≤ 1 − 2^-53
     */
    public double nextOpenUnit() {
        return ((nextLong() >>> 12) + 0.5) * 0x1.0p-52; // k + 0.5 < 2^52 is exact, and so is the scaling
    }

    /**
     * A uniform int in [0, bound), without bias, by Lemire's multiply-and-reject method.
     *
     * @param bound the exclusive upper bound, positive
     * @return an int in [0, bound)
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound; // 2^32 mod bound: the rejected low values
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * Fills {@code out[off, off+len)} with standard normal variates ({@link #nextGaussian()}). Modified.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code out}
     */
    public void fillGaussian(double[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = nextGaussian();
        }
    }

    /**
     * Fills {@code out[off, off+len)} with uniforms in [0, 1) ({@link #nextDouble()}). Modified.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code out}
     */
    public void fillUniform(double[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = nextDouble();
        }
    }

    /**
     * Fills {@code out[off, off+len)} with uniforms in (0, 1) ({@link #nextOpenUnit()}). Modified.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code out}
     */
    public void fillOpenUnit(double[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = nextOpenUnit();
        }
    }

    /**
     * Fills {@code out[off, off+len)} with standard exponential variates ({@link #nextExponential()}). Modified.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code out}
     */
    public void fillExponential(double[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        for (int i = off, end = off + len; i < end; i++) {
            out[i] = nextExponential();
        }
    }

    /**
     * A uniformly random permutation of {0, …, n−1} (Fisher–Yates), e.g. the order of one minibatch epoch.
     *
     * @param n the length, at least 0
     * @return a new array holding each of 0..n−1 once
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be non-negative, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, 0, n);
        return p;
    }

    /**
     * Shuffles {@code values[off, off+len)} in place, uniformly over the len! orders (Fisher–Yates). Modified.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code values}
     */
    public void shuffle(int[] values, int off, int len) {
        Objects.checkFromIndexSize(off, len, values.length);
        for (int i = len - 1; i > 0; i--) {
            int j = off + nextInt(i + 1);
            int t = values[off + i];
            values[off + i] = values[j];
            values[j] = t;
        }
    }

    /** Shuffles all of {@code values} in place. Modified. */
    public void shuffle(int[] values) {
        shuffle(values, 0, values.length);
    }

    /** @return {@code "RandomStream[" + encode() + "]"} */
    @Override
    public String toString() {
        return "RandomStream[" + encode() + "]";
    }

    /**
     * The state of a {@link RandomStream} as a value: the four words {@code (a, s, x0, x1)} of
     * L64X128MixRandom, with a odd and {@code (x0, x1)} not both zero. Immutable: the array is copied in and
     * out. Encoded as {@code "L64X128MixRandom:"} followed by the four words as 16 lower-case hex digits each,
     * separated by colons.
     *
     * @param words the four state words; copied
     */
    public record State(long[] words) {
        private static final String PREFIX = "L64X128MixRandom:";

        /**
         * @throws IllegalArgumentException if {@code words} is null, not of length 4, has an even {@code a}
         *                                  (words[0]) or has {@code x0 = x1 = 0} (words[2], words[3])
         */
        public State {
            if (words == null || words.length != 4) {
                throw new IllegalArgumentException("State: words must hold 4 longs (a, s, x0, x1), got "
                        + (words == null ? "null" : words.length + " words"));
            }
            if ((words[0] & 1) == 0) {
                throw new IllegalArgumentException(
                        "State: words[0] (the LCG increment a) must be odd, got 0x" + Long.toHexString(words[0]));
            }
            if ((words[2] | words[3]) == 0) {
                throw new IllegalArgumentException("State: words[2] and words[3] (x0, x1) must not both be 0");
            }
            words = words.clone();
        }

        /** @return a copy of the four words {@code (a, s, x0, x1)} */
        @Override
        public long[] words() {
            return words.clone();
        }

        /** @return the text form, e.g. {@code L64X128MixRandom:0123456789abcdef:…} (4 words) */
        public String encode() {
            StringBuilder b = new StringBuilder(PREFIX.length() + 4 * 17);
            b.append(PREFIX);
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    b.append(':');
                }
                String hex = Long.toHexString(words[i]);
                b.append("0".repeat(16 - hex.length())).append(hex);
            }
            return b.toString();
        }

        /**
         * Parses the text of {@link #encode()}; hex digits may be upper or lower case.
         *
         * @param text the encoded state
         * @return the state
         * @throws IllegalArgumentException if {@code text} is null, lacks the prefix, does not hold four words of
         *                                  exactly 16 hex digits, or encodes an invalid state
         */
        public static State decode(String text) {
            if (text == null || !text.startsWith(PREFIX)) {
                throw new IllegalArgumentException(
                        "State.decode: expected text starting with '" + PREFIX + "', got " + quote(text));
            }
            String[] parts = text.substring(PREFIX.length()).split(":", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException(
                        "State.decode: expected 4 words, got " + parts.length + " in " + quote(text));
            }
            long[] w = new long[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].length() != 16
                        || !parts[i].chars().allMatch(c -> c < 128 && Character.digit(c, 16) >= 0)) {
                    throw new IllegalArgumentException("State.decode: word " + i + " must be 16 hex digits, got '"
                            + parts[i] + "' in " + quote(text));
                }
                w[i] = Long.parseUnsignedLong(parts[i], 16);
            }
            return new State(w);
        }

        private static String quote(String text) {
            if (text == null) {
                return "null";
            }
            return "'" + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + "'";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State other && Arrays.equals(words, other.words);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(words);
        }

        @Override
        public String toString() {
            return "State[" + encode() + "]";
        }
    }
}
