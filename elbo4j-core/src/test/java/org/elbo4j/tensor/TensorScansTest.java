package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The branch-free scans of {@link TensorData} (allFinite, anyNaN, allZeroOrOne) against {@link Double#isFinite},
 * {@link Double#isNaN} and {@code v == 0 || v == 1}, for the IEEE special values at the start, the middle and the
 * end of a tensor; and their remembered results (a bit on the tensor), which must never answer for another fact.
 */
class TensorScansTest {
    static final double[] SPECIAL = {
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MIN_NORMAL,
        0.0,
        -0.0,
        1.0,
        -1.0,
        Math.nextUp(1.0),
        Math.nextDown(1.0),
        2.0,
        0.5,
        1e-300,
        -1e-300,
        1e300,
        Math.nextUp(0.0),
        Math.nextDown(0.0),
        Double.longBitsToDouble(0x7FF8_0000_0000_0001L),
        Double.longBitsToDouble(0xFFF0_0000_0000_0001L), // other NaNs
        Double.longBitsToDouble(0x7FEF_FFFF_FFFF_FFFFL), // the largest finite, by its bits
    };

    /** 0, 1, 0, 1, …: finite, no NaN, all 0 or 1 (the base every special value is put into). */
    static double[] zeroOne(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = i % 2;
        return a;
    }

    static boolean isZeroOrOne(double v) {
        return v == 0.0 || v == 1.0;
    }

    @Test
    void specialValuesAreFoundAnywhere() {
        int checked = 0;
        for (int n : new int[] {1, 2, 3, 7, 8, 9, 1000}) {
            for (int at : new int[] {0, n / 2, n - 1}) {
                for (double v : SPECIAL) {
                    String what =
                            v + " (bits " + Long.toHexString(Double.doubleToRawLongBits(v)) + ") at " + at + " of " + n;
                    double[] a = zeroOne(n);
                    a[at] = v;
                    // a fresh tensor for each scan, so that none answers from another's remembered result
                    assertEquals(Double.isFinite(v), TensorData.allFinite(Tensor.of(a)), "allFinite: " + what);
                    assertEquals(Double.isFinite(v), Tensor.of(a).allFinite(), "Tensor.allFinite: " + what);
                    assertEquals(Double.isNaN(v), TensorData.anyNaN(Tensor.of(a)), "anyNaN: " + what);
                    assertEquals(isZeroOrOne(v), TensorData.allZeroOrOne(Tensor.of(a)), "allZeroOrOne: " + what);
                    // and on one tensor, in both orders, each scan twice
                    Tensor t = Tensor.of(a);
                    for (int rep = 0; rep < 2; rep++) {
                        assertEquals(isZeroOrOne(v), TensorData.allZeroOrOne(t), "allZeroOrOne (" + rep + "): " + what);
                        assertEquals(Double.isNaN(v), TensorData.anyNaN(t), "anyNaN (" + rep + "): " + what);
                        assertEquals(Double.isFinite(v), t.allFinite(), "allFinite (" + rep + "): " + what);
                    }
                    Tensor u = Tensor.of(a);
                    for (int rep = 0; rep < 2; rep++) {
                        assertEquals(
                                Double.isFinite(v), TensorData.allFinite(u), "allFinite first (" + rep + "): " + what);
                        assertEquals(Double.isNaN(v), TensorData.anyNaN(u), "anyNaN first (" + rep + "): " + what);
                        assertEquals(
                                isZeroOrOne(v), TensorData.allZeroOrOne(u), "allZeroOrOne last (" + rep + "): " + what);
                    }
                    checked++;
                }
            }
        }
        assertEquals(7 * 3 * SPECIAL.length, checked);
    }

    @Test
    void emptyTensorsAreFiniteWithoutNaNAndZeroOrOne() {
        Tensor e = Tensor.zeros(0);
        assertEquals(0, e.size());
        assertTrue(TensorData.allFinite(e));
        assertTrue(e.allFinite());
        assertFalse(TensorData.anyNaN(e));
        assertTrue(TensorData.allZeroOrOne(e));
        assertTrue(TensorData.allZeroOrOne(e));
    }

    /** Several special values at once (the scans OR the bits of all elements: one bad element is enough). */
    @Test
    void mixturesOfSpecialValues() {
        Tensor t = Tensor.of(1.0, Double.POSITIVE_INFINITY, 0.0, Double.NEGATIVE_INFINITY);
        assertFalse(t.allFinite());
        assertFalse(TensorData.anyNaN(t), "infinities are not NaN");
        assertFalse(TensorData.allZeroOrOne(t));
        Tensor f = Tensor.of(-Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1e-300, Math.nextDown(1.0));
        assertTrue(f.allFinite());
        assertFalse(TensorData.anyNaN(f));
        assertFalse(TensorData.allZeroOrOne(f));
        assertTrue(TensorData.allZeroOrOne(Tensor.of(-0.0, 1.0, 0.0, -0.0)), "−0 counts as 0");
        assertTrue(TensorData.allZeroOrOne(Tensor.scalar(1.0)));
        assertFalse(TensorData.allZeroOrOne(Tensor.scalar(Double.NaN)));
    }

    /**
     * The remembered facts: once a tensor is known to be all 0/1 it is also known finite, and a tensor known to
     * be finite is not thereby all 0/1; repeated scans agree with the first.
     */
    @Test
    void rememberedResultsAreConsistent() {
        Tensor finiteNotBinary = Tensor.of(0.0, 1.0, 0.5);
        assertTrue(finiteNotBinary.allFinite());
        assertFalse(TensorData.allZeroOrOne(finiteNotBinary), "finite is not 0/1");
        assertFalse(TensorData.allZeroOrOne(finiteNotBinary), "second call");
        assertFalse(TensorData.anyNaN(finiteNotBinary));
        assertTrue(finiteNotBinary.allFinite());

        Tensor binary = Tensor.of(0.0, 1.0, 1.0);
        assertTrue(TensorData.allZeroOrOne(binary));
        assertTrue(TensorData.allZeroOrOne(binary), "second call");
        assertTrue(binary.allFinite());
        assertFalse(TensorData.anyNaN(binary));

        Tensor nan = Tensor.of(0.0, Double.NaN, 1.0);
        for (int rep = 0; rep < 3; rep++) {
            assertFalse(TensorData.allZeroOrOne(nan));
            assertFalse(nan.allFinite());
            assertTrue(TensorData.anyNaN(nan));
        }

        Tensor inf = Tensor.of(1.0, Double.NEGATIVE_INFINITY);
        for (int rep = 0; rep < 3; rep++) {
            assertFalse(inf.allFinite());
            assertFalse(TensorData.anyNaN(inf));
            assertFalse(TensorData.allZeroOrOne(inf));
        }
    }

    /** The results are the values', not the tensor object's: a tracked copy and a reshape answer the same. */
    @Test
    void trackedAndReshapedTensorsScanTheSame() {
        double[] a = zeroOne(12);
        a[7] = Double.NaN;
        Tensor t = Tensor.of(a, 3, 4);
        Tensor leaf = new Tape().leaf(t);
        assertTrue(TensorData.anyNaN(leaf));
        assertFalse(leaf.allFinite());
        assertTrue(TensorData.anyNaN(t.reshape(12)));
        Tensor ok = new Tape().leaf(Tensor.of(zeroOne(12), 3, 4));
        assertTrue(TensorData.allZeroOrOne(ok));
        assertTrue(ok.allFinite());
        assertFalse(TensorData.anyNaN(ok));
    }
}
