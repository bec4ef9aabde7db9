package org.elbo4j.tensor;

/**
 * Array-level broadcasting: expand an input to an output shape, and sum an output-shaped contribution back
 * to an input shape (the adjoint of broadcasting). Fast paths for equal shapes, scalars and trailing-suffix
 * shapes (a bias {@code [H]} against {@code [B, H]}); a strided walk otherwise.
 */
final class Broadcasting {
    private Broadcasting() {}

    /** {@code src} (shape {@code from}) laid out in shape {@code to}; the array itself when the shapes are equal. */
    static double[] expand(double[] src, Shape from, Shape to) {
        if (from == to || from.equals(to)) return src;
        int n = to.size();
        double[] out = new double[n];
        if (src.length == 1) {
            java.util.Arrays.fill(out, src[0]);
            return out;
        }
        if (isSuffix(from, to)) {
            int m = src.length;
            for (int i = 0; i < n; i += m) System.arraycopy(src, 0, out, i, m);
            return out;
        }
        int[] idx = indexMap(from, to);
        for (int i = 0; i < n; i++) out[i] = src[idx[i]];
        return out;
    }

    /** {@code dst[j] += sum of c[i]} over the output positions {@code i} that read input position {@code j}. */
    static void sumInto(double[] c, Shape from, double[] dst, Shape to) {
        if (from == to || from.equals(to)) {
            for (int i = 0; i < c.length; i++) dst[i] += c[i];
            return;
        }
        if (dst.length == 1) {
            dst[0] += Reductions.sumOf(c);
            return;
        }
        if (isSuffix(to, from)) {
            int m = dst.length;
            for (int i = 0; i < c.length; i += m) {
                for (int j = 0; j < m; j++) dst[j] += c[i + j];
            }
            return;
        }
        int[] idx = indexMap(to, from);
        for (int i = 0; i < c.length; i++) dst[idx[i]] += c[i];
    }

    /** True when {@code small}'s dims equal the trailing dims of {@code big} (after dropping leading 1s). */
    private static boolean isSuffix(Shape small, Shape big) {
        int[] s = small.raw(), b = big.raw();
        int lead = 0;
        while (lead < s.length && s[lead] == 1) lead++;
        int len = s.length - lead;
        if (len > b.length) return false;
        for (int i = 0; i < len; i++) {
            if (s[lead + i] != b[b.length - len + i]) return false;
        }
        return true;
    }

    /** For each flat position of {@code to}, the flat position of {@code from} that broadcasting reads. */
    static int[] indexMap(Shape from, Shape to) {
        int r = to.rank();
        int[] td = to.raw(), fd = from.raw();
        int off = r - fd.length;
        int[] fStride = new int[r];
        int s = 1;
        for (int i = r - 1; i >= off; i--) {
            int d = fd[i - off];
            fStride[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int n = to.size();
        int[] idx = new int[n];
        int[] counter = new int[r];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            idx[i] = pos;
            for (int k = r - 1; k >= 0; k--) {
                counter[k]++;
                pos += fStride[k];
                if (counter[k] < td[k]) break;
                pos -= fStride[k] * counter[k];
                counter[k] = 0;
            }
        }
        return idx;
    }
}
