package org.elbo4j.random;

/**
 * The 64-bit mixing functions and constants of {@code java.util.random}, used to expand seeds and to derive
 * child streams. Each mixer is a bijection on {@code long}, so distinct inputs give distinct outputs.
 *
 * <blockquote>
 * D. Stafford, "Better bit mixing — improving on MurmurHash3's 64-bit finalizer", 2011 (variant 13 is
 * SplitMix64's output function).<br>
 * A. Appleby, MurmurHash3 finalizer {@code fmix64}.<br>
 * G. L. Steele Jr., S. Vigna, "LXM: better splittable pseudorandom number generators (and almost as fast)",
 * Proc. ACM Program. Lang. 5 (OOPSLA), 2021 (Lea's mixer).
 * </blockquote>
 */
final class Mix {
    /** 2^64 / φ, odd: the Weyl increment of SplitMix64. */
    static final long GOLDEN_RATIO_64 = 0x9e3779b97f4a7c15L;
    /** 2^64 · (√2 − 1), odd: xored into user seeds so that small seeds (0, 1, 2…) are not "pedestrian". */
    static final long SILVER_RATIO_64 = 0x6A09E667F3BCC909L;

    private Mix() {}

    /** Stafford's variant 13 of the MurmurHash3 finalizer (the SplitMix64 output function). */
    static long stafford13(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The MurmurHash3 64-bit finalizer. */
    static long murmur64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Doug Lea's mixer, the output function of the LXM generators. */
    static long lea64(long z) {
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        return z ^ (z >>> 32);
    }
}
