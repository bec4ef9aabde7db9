/**
 * Seeded, splittable, reproducible random streams. {@link org.elbo4j.random.RandomStream} is the JDK's LXM
 * generator L64X128MixRandom (Steele &amp; Vigna 2021) with its state exposed as a value: the same seed gives
 * bit-identical numbers, {@code split()} and {@code fork(key)} give independent child streams for sites,
 * threads and replicates, and {@code state()}/{@code restore} (or the hex {@code encode()}/{@code decode})
 * let a checkpointed run resume exactly. This package depends on nothing else in elbo4j.
 *
 * <pre>{@code
 * RandomStream rng = RandomStream.of(42);
 * double[] eps = new double[1000];
 * rng.fillGaussian(eps, 0, eps.length);             // standard normals, no per-element allocation
 * RandomStream site3 = rng.fork(3);                  // reproducible per-site stream; rng not advanced
 * String checkpoint = rng.encode();                  // RandomStream.decode(checkpoint) resumes bit-identically
 * }</pre>
 */
package org.elbo4j.random;
