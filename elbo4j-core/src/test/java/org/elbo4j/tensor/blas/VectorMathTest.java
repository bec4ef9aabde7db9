package org.elbo4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath}'s elementary functions against StrictMath, the vector kernel against the scalar one bit for bit,
 * and the kernels' independence from the JIT: the same inputs in a child JVM that only interprets ({@code -Xint}, so
 * the Vector API runs its Java fallback) give the same bits as here, where C2 compiles them to SIMD instructions.
 */
class VectorMathTest {
    static ElementwiseKernel vector() {
        return VectorMath.select("vector", new String[1]);
    }

    private static double[] logUniform(long seed, int n, double lo, double hi, boolean signed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double mag = Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
            x[i] = signed && r.nextBoolean() ? -mag : mag;
        }
        return x;
    }

    private static double ulps(double got, double want) {
        if (got == want) return 0;
        return Math.abs(got - want) / Math.ulp(want);
    }

    @Test
    void theVectorKernelIsInUseUnderSurefire() {
        String forced = System.getProperty(Blas.BACKEND_PROPERTY);
        if (forced == null || forced.isBlank()) {
            assertEquals(
                    "vector-api", VectorMath.kernel().name(), "surefire runs with --add-modules jdk.incubator.vector");
        }
    }

    /**
     * Measured worst errors of these sweeps (200,000 log-uniform arguments each, seed 1): exp 1 ulp on [−708, −1e-12]
     * (normal results), log1p 2 ulps on [1e-12, 1], tanh 2 ulps on ±[1e-12, 30], all against StrictMath (fdlibm,
     * &lt; 1 ulp). Bounds: 3 ulps; a wrong coefficient or reduction step is off by 10³+ ulps.
     */
    @Test
    void elementaryFunctionsAreWithinAFewUlps() {
        double worstExp = 0, worstLog = 0, worstTanh = 0;
        for (double x : logUniform(1, 200_000, 1e-12, 708, false)) {
            worstExp = Math.max(worstExp, ulps(JavaElementwise.expNonPositive(-x), StrictMath.exp(-x)));
        }
        for (double e : logUniform(1, 200_000, 1e-12, 1, false)) {
            worstLog = Math.max(worstLog, ulps(JavaElementwise.log1pUnit(e), StrictMath.log1p(e)));
        }
        for (double x : logUniform(1, 200_000, 1e-12, 30, true)) {
            worstTanh = Math.max(worstTanh, ulps(JavaElementwise.tanh(x), StrictMath.tanh(x)));
        }
        assertTrue(
                worstExp <= 3 && worstLog <= 3 && worstTanh <= 3,
                "exp " + worstExp + ", log1p " + worstLog + ", tanh " + worstTanh + " ulps");
        // edges: underflow, the end points, signed zero, NaN, infinities
        assertEquals(0.0, JavaElementwise.expNonPositive(-800));
        assertEquals(0.0, JavaElementwise.expNonPositive(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, JavaElementwise.expNonPositive(0.0));
        assertEquals(
                StrictMath.exp(-740), JavaElementwise.expNonPositive(-740), 2 * Double.MIN_VALUE, "subnormal range");
        assertTrue(Double.isNaN(JavaElementwise.expNonPositive(Double.NaN)));
        assertEquals(0.0, JavaElementwise.log1pUnit(0.0));
        assertEquals(StrictMath.log1p(1.0), JavaElementwise.log1pUnit(1.0), Math.ulp(Math.log(2)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(JavaElementwise.tanh(-0.0)));
        assertEquals(1.0, JavaElementwise.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, JavaElementwise.tanh(-800));
        assertTrue(Double.isNaN(JavaElementwise.tanh(Double.NaN)));
    }

    /** Every lane of the vector kernel is bit for bit the scalar function (tails included: n is not a multiple of 8). */
    @Test
    void vectorAndScalarKernelsAgreeBitForBit() {
        int n = 10_003;
        double[] x = logUniform(2, n, 1e-9, 40, true);
        x[5] = -0.0;
        x[6] = 0.0;
        x[7] = Double.NaN;
        double[] a = x.clone(), b = x.clone();
        new JavaElementwise().tanh(a, 0, n);
        vector().tanh(b, 0, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "tanh at " + x[i]);
        }
        double[] l = logUniform(3, n, 1e-9, 60, true);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = (i % 3 == 0) ? 1 : 0;
        double[] ga = new double[n], gb = new double[n];
        double sa = new JavaElementwise().bernoulliLogits(n, l, 0, y, 0, ga, 0);
        double sb = vector().bernoulliLogits(n, l, 0, y, 0, gb, 0);
        for (int i = 0; i < n; i++)
            assertEquals(Double.doubleToRawLongBits(ga[i]), Double.doubleToRawLongBits(gb[i]), "σ at " + l[i]);
        // the sums differ only in their order: 1e-13 relative covers 10⁴ terms of size ≤ 60
        assertEquals(sa, sb, 1e-13 * Math.abs(sa));
    }

    /**
     * The Bernoulli sum Σ x ℓ − softplus(ℓ) and its gradient x − σ(ℓ) over 10,007 logits in ±40 against StrictMath
     * (left-to-right sum): 1e-13 relative for the sum (a few ulps per term of size ≤ 40, summed in another order),
     * 1e-15 absolute per gradient element.
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
        for (ElementwiseKernel k : new ElementwiseKernel[] {new JavaElementwise(), vector()}) {
            double[] g = new double[n + 2];
            double s = k.bernoulliLogits(n, l, 3, x, 5, g, 2);
            assertEquals(ref, s, 1e-13 * Math.abs(ref), k.name());
            for (int i = 0; i < n; i++) assertEquals(gref[i], g[2 + i], 1e-15, k.name() + " gradient " + i);
            assertEquals(
                    s, k.bernoulliLogits(n, l, 3, x, 5, null, 0), 0.0, k.name() + ": same sum without the gradient");
        }
    }

    /** The fingerprint of {@link VectorMathFingerprint}, computed here (JIT) and in an interpreter-only child JVM. */
    @Test
    void resultsDoNotDependOnTheJit() throws Exception {
        String here = VectorMathFingerprint.fingerprint();
        for (int warm = 0; warm < 200; warm++) VectorMathFingerprint.fingerprint(); // let C2 compile the kernels
        assertEquals(here, VectorMathFingerprint.fingerprint(), "compiled code gives the same bits as before");
        String exe = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(
                        exe,
                        "-Xint",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VectorMathFingerprint.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("backend=vector-api"), out);
        assertTrue(out.contains("fingerprint=" + here), "interpreted: " + out + "\ncompiled: " + here);
    }

    @Test
    void worksWithoutTheVectorModule() throws Exception {
        String exe = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(
                        exe,
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VectorMathFingerprint.class.getName()))
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("backend=java"), out);
        // the per-element values (tanh, gradient) are the same bits on the scalar backend
        String here = VectorMathFingerprint.fingerprint();
        String elementsHere = here.substring(0, here.lastIndexOf('/'));
        assertTrue(out.contains("fingerprint=" + elementsHere + "/"), "scalar: " + out + "\nvector: " + here);
    }
}
