package org.elbo4j.tensor.blas;

/**
 * GEMM in plain Java, always available: the same BLIS / GotoBLAS blocking and packing as
 * {@link VectorKernel} (see there, and {@link Packing}), with a scalar {@code MR×NR = 4×4}
 * register-blocked micro-kernel: per step {@code p} it loads four elements of the A panel and four
 * of the B panel and does sixteen multiply-adds on sixteen accumulators that live in registers.
 * Wider tiles (4×6, 4×8) gained little with AVX-512's 32 registers and spilled badly on 16-register
 * machines, so 4×4 it is. Scalar multiply-adds cap this kernel near two per cycle; the Vector API
 * kernel is several times faster where available.
 *
 * <p>Each element of C is {@code acc = acc + a_p·b_p} (a multiply, then an add: Java neither fuses
 * nor reassociates) over {@code p} in order within each k block, then {@code c = alpha·acc} (first
 * block, {@code beta == 0}), {@code c = alpha·acc + beta·c} (first block) or {@code c = alpha·acc + c}
 * (later blocks) — independent of its tile position, as {@link GemmKernel} requires. Results differ
 * in the last bits from {@link VectorKernel}, which fuses.
 */
final class JavaKernel implements GemmKernel {

    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile. */
    static final int NR = 4;
    /** Largest k block. */
    static final int KC = 256;
    /** Rows of C per A block (multiple of MR). */
    static final int MC = 128;
    /** Columns of C per B block (multiple of NR). */
    static final int NC = 1024;

    /**
     * Products with at most this many outputs and {@code m·n·k ≤ SMALL_WORK} skip packing and
     * blocking, whose fixed cost exceeds the arithmetic there (GemmSmallBench in elbo4j-bench).
     */
    static final int SMALL_OUTPUTS = 16;
    /** See {@link #SMALL_OUTPUTS}; at most KC, so that the direct path sees one k block. */
    static final long SMALL_WORK = 256;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing buffers, grown on demand and then reused. */
    private static final class Buffers {
        double[] a = new double[0];
        double[] b = new double[0];
        final double[] tile = new double[MR * NR];

        double[] a(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] b(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public int rowGrain() {
        return MR;
    }

    @Override
    public int colGrain() {
        return NR;
    }

    @Override
    public void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double[] a,
            int aOff,
            int lda,
            double[] b,
            int bOff,
            int ldb,
            double beta,
            double[] c,
            int cOff,
            int ldc) {
        if ((long) m * n <= SMALL_OUTPUTS && (long) m * n * k <= SMALL_WORK) { // k ≤ 256 = KC: one k block
            direct(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Buffers buf = BUFFERS.get();
        int kcStd = Packing.kBlock(k, KC);
        double[] bp = buf.b(Packing.roundUp(Math.min(n, NC), NR) * kcStd);
        double[] ap = buf.a(Packing.roundUp(Math.min(m, MC), MR) * kcStd);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcStd) {
                int kc = Math.min(kcStd, k - pc);
                double betaBlock = pc == 0 ? beta : 1.0; // later k blocks accumulate onto C
                Packing.packB(transB, b, bOff, ldb, pc, kc, jc, nc, NR, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    Packing.packA(transA, a, aOff, lda, ic, mc, pc, kc, MR, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            microKernel(
                                    kc,
                                    ap,
                                    ir * kc,
                                    bp,
                                    jr * kc,
                                    c,
                                    cOff + (ic + ir) * ldc + jc + jr,
                                    ldc,
                                    mr,
                                    nr,
                                    alpha,
                                    betaBlock,
                                    buf.tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * Tiny products (see {@link #SMALL_OUTPUTS}; one k block): element by element, without packing,
     * with the very operations of the blocked path (so the same bits).
     */
    private static void direct(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            double[] a,
            int aOff,
            int lda,
            double[] b,
            int bOff,
            int ldb,
            double beta,
            double[] c,
            int cOff,
            int ldc) {
        int ais = transA ? 1 : lda; // op(A)[i][p] = a[aOff + i·ais + p·aps]
        int aps = transA ? lda : 1;
        int bps = transB ? 1 : ldb; // op(B)[p][j] = b[bOff + p·bps + j·bjs]
        int bjs = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0.0;
                for (int p = 0, ai = aOff + i * ais, bi = bOff + j * bjs; p < k; p++, ai += aps, bi += bps) {
                    acc += a[ai] * b[bi];
                }
                int at = cOff + i * ldc + j;
                c[at] = combine(acc, c, at, alpha, beta);
            }
        }
    }

    /**
     * C tile {@code [mr×nr]} at {@code c[co + i·ldc + j]} gets {@code alpha·acc + beta·C} where
     * {@code acc = Σ_{p<kc} ap[ao + p·MR + i]·bp[bo + p·NR + j]}.
     */
    private static void microKernel(
            int kc,
            double[] ap,
            int ao,
            double[] bp,
            int bo,
            double[] c,
            int co,
            int ldc,
            int mr,
            int nr,
            double alpha,
            double beta,
            double[] tile) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * NR;
            double a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
            double b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
        }
        if (mr == MR && nr == NR) {
            storeRow(c, co, c00, c01, c02, c03, alpha, beta);
            storeRow(c, co + ldc, c10, c11, c12, c13, alpha, beta);
            storeRow(c, co + 2 * ldc, c20, c21, c22, c23, alpha, beta);
            storeRow(c, co + 3 * ldc, c30, c31, c32, c33, alpha, beta);
        } else {
            double[] t = tile;
            t[0] = c00;
            t[1] = c01;
            t[2] = c02;
            t[3] = c03;
            t[4] = c10;
            t[5] = c11;
            t[6] = c12;
            t[7] = c13;
            t[8] = c20;
            t[9] = c21;
            t[10] = c22;
            t[11] = c23;
            t[12] = c30;
            t[13] = c31;
            t[14] = c32;
            t[15] = c33;
            for (int i = 0; i < mr; i++) {
                for (int j = 0; j < nr; j++) {
                    c[co + i * ldc + j] = combine(t[i * NR + j], c, co + i * ldc + j, alpha, beta);
                }
            }
        }
    }

    private static void storeRow(
            double[] c, int at, double x0, double x1, double x2, double x3, double alpha, double beta) {
        c[at] = combine(x0, c, at, alpha, beta);
        c[at + 1] = combine(x1, c, at + 1, alpha, beta);
        c[at + 2] = combine(x2, c, at + 2, alpha, beta);
        c[at + 3] = combine(x3, c, at + 3, alpha, beta);
    }

    /** {@code alpha·acc + beta·c[at]}; beta == 0: c not read. */
    private static double combine(double acc, double[] c, int at, double alpha, double beta) {
        return beta == 0.0 ? alpha * acc : alpha * acc + beta * c[at];
    }

    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        // four partial sums: breaks the add latency chain; the order is fixed for a given n
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xOff + i] * y[yOff + i];
            s1 += x[xOff + i + 1] * y[yOff + i + 1];
            s2 += x[xOff + i + 2] * y[yOff + i + 2];
            s3 += x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void axpyRows(
            int k, int n, double alpha, double[] b, int bOff, int ldb, double[] x, int xOff, double[] y, int yOff) {
        for (int p = 0; p < k; p++) {
            double t = alpha * x[xOff + p];
            int row = bOff + p * ldb;
            for (int j = 0; j < n; j++) {
                y[yOff + j] += t * b[row + j];
            }
        }
    }
}
