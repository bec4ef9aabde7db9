package org.elbo4j.tensor.blas;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the panel layouts that the GEMM micro-kernels stream through
 * (Goto &amp; van de Geijn 2008): contiguous, in the order the kernel reads them, zero-padded to whole
 * panels so that edge tiles run the same code as interior ones (the padding only feeds outputs that
 * are never written back).
 */
final class Packing {

    private Packing() {}

    /**
     * Packs {@code op(B)[pc:pc+kc, jc:jc+nc]} into panels of {@code nr} columns: panel {@code q} holds
     * {@code bp[q·nr·kc + p·nr + j] = op(B)[pc+p][jc+q·nr+j]}. {@code bp} is modified, {@code b} is not.
     */
    static void packB(
            boolean transB, double[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, int nr, double[] bp) {
        for (int jp = 0; jp < nc; jp += nr) {
            int w = Math.min(nr, nc - jp);
            int base = jp * kc;
            if (!transB) { // op(B)[p][j] = b[bOff + p·ldb + j]: rows of a panel are contiguous
                int src = bOff + pc * ldb + jc + jp;
                for (int p = 0; p < kc; p++, src += ldb) {
                    int dst = base + p * nr;
                    System.arraycopy(b, src, bp, dst, w);
                    if (w < nr) {
                        Arrays.fill(bp, dst + w, dst + nr, 0.0);
                    }
                }
            } else { // op(B)[p][j] = b[bOff + j·ldb + p]: columns of a panel are contiguous
                for (int j = 0; j < w; j++) {
                    int src = bOff + (jc + jp + j) * ldb + pc;
                    for (int p = 0, dst = base + j; p < kc; p++, dst += nr) {
                        bp[dst] = b[src + p];
                    }
                }
                for (int j = w; j < nr; j++) {
                    for (int p = 0, dst = base + j; p < kc; p++, dst += nr) {
                        bp[dst] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(A)[ic:ic+mc, pc:pc+kc]} into panels of {@code mr} rows: panel {@code q} holds
     * {@code ap[q·mr·kc + p·mr + i] = op(A)[ic+q·mr+i][pc+p]}. {@code ap} is modified, {@code a} is not.
     */
    static void packA(
            boolean transA, double[] a, int aOff, int lda, int ic, int mc, int pc, int kc, int mr, double[] ap) {
        for (int ip = 0; ip < mc; ip += mr) {
            int h = Math.min(mr, mc - ip);
            int base = ip * kc;
            if (!transA) { // op(A)[i][p] = a[aOff + i·lda + p]
                for (int i = 0; i < h; i++) {
                    int src = aOff + (ic + ip + i) * lda + pc;
                    for (int p = 0, dst = base + i; p < kc; p++, dst += mr) {
                        ap[dst] = a[src + p];
                    }
                }
                for (int i = h; i < mr; i++) {
                    for (int p = 0, dst = base + i; p < kc; p++, dst += mr) {
                        ap[dst] = 0.0;
                    }
                }
            } else { // op(A)[i][p] = a[aOff + p·lda + i]
                int src = aOff + pc * lda + ic + ip;
                for (int p = 0; p < kc; p++, src += lda) {
                    int dst = base + p * mr;
                    System.arraycopy(a, src, ap, dst, h);
                    for (int i = h; i < mr; i++) {
                        ap[dst + i] = 0.0;
                    }
                }
            }
        }
    }

    /** {@code x} rounded up to a multiple of {@code to}. */
    static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** The standard k-block length: {@code k} cut into {@code ⌈k/kcMax⌉} near-equal blocks. */
    static int kBlock(int k, int kcMax) {
        int blocks = (k + kcMax - 1) / kcMax;
        return (k + blocks - 1) / blocks;
    }
}
