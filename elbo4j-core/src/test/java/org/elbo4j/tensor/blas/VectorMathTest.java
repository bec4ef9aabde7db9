package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both kernels of {@link VectorMath} (the Vector API one when the module is present, as under surefire, and the
 * scalar one) against references computed with StrictMath one element at a time.
 */
class VectorMathTest {
    /**
     * Measured worst cases over the sweep below (seed 1): scalar tanh 2 ulps, SVML tanh 0 ulps, of StrictMath.tanh.
     * A bound of 4 ulps still catches any wrong formula (off by 10⁶+ ulps) or lane mix-up.
     */
    static final double TANH_ULPS = 4;

    static ElementwiseKernel[] kernels() {
        ElementwiseKernel v = VectorMath.select("vector", new String[1]);
        return new ElementwiseKernel[] {new JavaElementwise(), v};
    }

    @Test
    void theVectorKernelIsInUseUnderSurefire() {
        String forced = System.getProperty(Blas.BACKEND_PROPERTY);
        if (forced == null || forced.isBlank()) {
            assertEquals("vector-api", VectorMath.kernel().name(), "surefire runs with --add-modules jdk.incubator.vector");
        }
    }

    @Test
    void worksWithoutTheVectorModule() throws Exception {
        String exe = System.getProperty("java.home") + java.io.File.separator + "bin" + java.io.File.separator + "java";
        Process p = new ProcessBuilder(java.util.List.of(exe, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), NoVectorMathMain.class.getName())).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("backend=java") && out.contains("tanh=true") && out.contains("ll=true"), out);
    }

    @Test
    void tanhOfArraysIsWithinAFewUlps() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 100_003;                       // not a multiple of the lanes: the tail runs too
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double mag = Math.exp(Math.log(1e-12) + r.nextDouble() * (Math.log(30) - Math.log(1e-12)));
            x[i] = r.nextBoolean() ? -mag : mag;
        }
        for (ElementwiseKernel k : kernels()) {
            double[] a = x.clone();
            k.tanh(a, 0, n);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                double e = StrictMath.tanh(x[i]);
                worst = Math.max(worst, Math.abs(a[i] - e) / Math.ulp(e));
            }
            assertTrue(worst <= TANH_ULPS, k.name() + ": worst " + worst + " ulps");
        }
    }

    /**
     * The sum Σ x ℓ − softplus(ℓ) over 10,007 logits in ±40 (reference: StrictMath.log1p/exp, left-to-right sum)
     * agrees to 1e-13 relative (summation order and a few ulps per term over 10⁴ terms of size ~1–40 give ≲ 1e-14);
     * the gradient x − σ(ℓ) to 1e-15 absolute per element.
     */
    @Test
    void bernoulliLogitsMatchTheReference() {
        SplittableRandom r = new SplittableRandom(2);
        int n = 10_007;
        double[] l = new double[n + 3], x = new double[n + 5];
        for (int i = 0; i < l.length; i++) l[i] = 80 * (r.nextDouble() - 0.5);
        for (int i = 0; i < x.length; i++) x[i] = r.nextBoolean() ? 1 : 0;
        double ref = 0;
        double[] gref = new double[n];
        for (int i = 0; i < n; i++) {
            double v = l[3 + i];
            ref += x[5 + i] * v - (Math.max(v, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(v))));
            gref[i] = x[5 + i] - 1 / (1 + StrictMath.exp(-v));
        }
        for (ElementwiseKernel k : kernels()) {
            double[] g = new double[n + 2];
            double s = k.bernoulliLogits(n, l, 3, x, 5, g, 2);
            assertEquals(ref, s, 1e-13 * Math.abs(ref), k.name());
            for (int i = 0; i < n; i++) assertEquals(gref[i], g[2 + i], 1e-15, k.name() + " gradient " + i);
            assertEquals(s, k.bernoulliLogits(n, l, 3, x, 5, null, 0), 0.0, k.name() + ": same sum without the gradient");
        }
    }
}
