package org.elbo4j.stan.functions;

import java.util.Arrays;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.tensor.TensorData;

/**
 * Stan's {@code sort_asc}, {@code sort_desc}, {@code sort_indices_asc}, {@code sort_indices_desc} and {@code rank}.
 * Sorting a real container permutes it (gradients follow the elements); indices are 1-based; ties keep their order
 * (a stable sort). NaN is rejected, as in Stan.
 */
public final class Sorting {
    private Sorting() {}

    private static int[] order(String fn, Tensor x, boolean ascending) {
        double[] v = TensorData.readOnly(x);
        Check.notNan(fn, "v", x);
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> ascending ? Double.compare(v[a], v[b]) : Double.compare(v[b], v[a]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }

    /** {@code sort_asc(v)} for a vector, row vector or real array. */
    public static Tensor sortAsc(Tensor x) {
        return x.gather(order("sort_asc", x, true));
    }

    /** {@code sort_desc(v)}. */
    public static Tensor sortDesc(Tensor x) {
        return x.gather(order("sort_desc", x, false));
    }

    /** {@code sort_asc(array[] int)}. */
    public static int[] sortAsc(int[] x) {
        int[] out = x.clone();
        Arrays.sort(out);
        return out;
    }

    /** {@code sort_desc(array[] int)}. */
    public static int[] sortDesc(int[] x) {
        int[] out = sortAsc(x);
        for (int i = 0, j = out.length - 1; i < j; i++, j--) {
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** {@code sort_indices_asc(v)}: the 1-based positions of the elements in ascending order. */
    public static int[] sortIndicesAsc(Tensor x) {
        return plusOne(order("sort_indices_asc", x, true));
    }

    /** {@code sort_indices_desc(v)}. */
    public static int[] sortIndicesDesc(Tensor x) {
        return plusOne(order("sort_indices_desc", x, false));
    }

    /** {@code sort_indices_asc(array[] int)}. */
    public static int[] sortIndicesAsc(int[] x) {
        return sortIndicesAsc(Fused.ofInts(x));
    }

    /** {@code sort_indices_desc(array[] int)}. */
    public static int[] sortIndicesDesc(int[] x) {
        return sortIndicesDesc(Fused.ofInts(x));
    }

    /** {@code rank(v, s)}: the number of elements of v less than v[s] (s 1-based). */
    public static int rank(Tensor x, int s) {
        double[] v = TensorData.readOnly(x);
        if (s < 1 || s > v.length)
            throw new StanDomainException("rank: s is " + s + ", but must be in the interval [1, " + v.length + "]");
        int r = 0;
        for (double a : v) if (a < v[s - 1]) r++;
        return r;
    }

    /** {@code rank(array[] int, s)}. */
    public static int rank(int[] x, int s) {
        return rank(Fused.ofInts(x), s);
    }

    /** {@code linspaced_vector(n, lo, hi)} (also linspaced_row_vector and linspaced_array). */
    public static Tensor linspacedVector(int n, Tensor lo, Tensor hi) {
        Check.size("linspaced_vector", "n", n);
        double a = Check.scalar("linspaced_vector", "low", lo), b = Check.scalar("linspaced_vector", "high", hi);
        if (!(b >= a))
            throw new StanDomainException("linspaced_vector: high is " + Check.fmt(b)
                    + ", but must be greater than or equal to " + Check.fmt(a));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = n == 1 ? b : a + (b - a) * i / (n - 1);
        return Tensor.wrap(out, org.elbo4j.tensor.Shape.of(n));
    }

    private static int[] plusOne(int[] idx) {
        for (int i = 0; i < idx.length; i++) idx[i]++;
        return idx;
    }
}
