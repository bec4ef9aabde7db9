package org.elbo4j.tensor.blas;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the JDK Vector API ({@code jdk.incubator.vector}), in the layered scheme of BLIS / GotoBLAS:
 *
 * <pre>
 *   for jc in 0..n step NC                       B block  op(B)[pc:pc+kc, jc:jc+nc] → packed, L3/L2
 *     for pc in 0..k step kc                     (kc = ⌈k / ⌈k/KC⌉⌉, so the k blocks are even)
 *       pack B block into NR-column panels
 *       for ic in 0..m step MC                   A block  op(A)[ic:ic+mc, pc:pc+kc] → packed, L2
 *         pack A block into MR-row panels
 *         for jr, ir: micro-kernel               C[MR×NR] += Σ_p a_p ⊗ b_p, a_p ∈ ℝ^MR, b_p ∈ ℝ^NR
 * </pre>
 *
 * <p>The micro-kernel keeps an {@code MR×NR = 6×(2·lanes)} tile of C in {@code 12} vector registers
 * and, per step {@code p}, loads two vectors of the B panel, broadcasts six scalars of the A panel and
 * issues twelve fused multiply-adds. The 6×2-vector tile needs 15 registers, so it also fits the 16
 * of AVX2; on AVX-512 wider tiles (4×3, 6×3, 8×3 vectors) measured within a few percent of it.
 * Panels are zero-padded to whole tiles, so every tile runs the same code. The accumulators go
 * through a small scratch tile into C (vector code for a full tile, scalar code repeating the lane
 * operations exactly for a partial one): handing vectors to a helper method that C2 does not inline
 * makes it box them on the heap, which cost a factor of ten here. Each element of C is thus
 * {@code acc = fma(a_{p}, b_{p}, acc)} over {@code p} in order within each k block, then
 * {@code c = alpha·acc} (first block, {@code beta == 0}), {@code c = fma(acc, alpha, beta·c)} (first
 * block) or {@code c = fma(acc, alpha, c)} (later blocks) — independent of its tile position, as
 * {@link GemmKernel} requires.
 *
 * <blockquote>K. Goto, R. van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS
 * 34(3), 2008. F. Van Zee, R. van de Geijn, "BLIS: a framework for rapidly instantiating BLAS
 * functionality", ACM TOMS 41(3), 2015.</blockquote>
 *
 * <p>Load this class only when the {@code jdk.incubator.vector} module is present (see {@link Blas}).
 */
final class VectorKernel implements GemmKernel {

    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector. */
    static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Largest k block: an A panel (MR×KC) and a B panel (KC×NR) stay in L1 together. */
    static final int KC = 256;
    /** Rows of C per A block (multiple of MR): the packed A block (MC×KC) stays in L2. */
    static final int MC = 20 * MR;
    /** Columns of C per B block (multiple of NR): the packed B block (KC×NC) stays in L2/L3. */
    static final int NC = (1024 / NR) * NR;

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
        return "vector-api (" + isa() + ", " + L + " lanes)";
    }

    /** The instruction set the preferred species maps to, for reports. */
    private static String isa() {
        int bits = S.vectorBitSize();
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return bits >= 512 ? "AVX-512" : bits == 256 ? "AVX2" : "SSE";
        }
        if (arch.equals("aarch64") && bits == 128) {
            return "NEON";
        }
        return bits + "-bit";
    }

    @Override
    public int lanes() {
        return L;
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
        int kcStd = Packing.kBlock(k, KC); // even k blocks: no thin last block
        double[] bp = buf.b(Packing.roundUp(Math.min(n, NC), NR) * kcStd);
        double[] ap = buf.a(Packing.roundUp(Math.min(m, MC), MR) * kcStd);
        double[] tile = buf.tile;
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
                            microKernel(kc, ap, ir * kc, bp, jr * kc, tile);
                            // The full/partial branch lives here, not in microKernel: C2 prunes a branch its
                            // profile has not seen taken, and when the first partial tile then arrives the compiled
                            // code is thrown away ("unstable_if", back to the interpreter). For microKernel that
                            // meant running boxed Vector API code again for seconds of the first VAE epoch
                            // (jdk.Deoptimization in JFR, docs/benchmarks.md, "Cold start"); a deoptimised caller
                            // loop costs little.
                            int co = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                storeFull(tile, c, co, ldc, alpha, betaBlock);
                            } else {
                                storePartial(tile, c, co, ldc, mr, nr, alpha, betaBlock);
                            }
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
                    acc = Math.fma(a[ai], b[bi], acc);
                }
                int at = cOff + i * ldc + j;
                c[at] = beta == 0.0 ? acc * alpha : Math.fma(acc, alpha, beta * c[at]);
            }
        }
    }

    /**
     * The scratch tile {@code [MR×NR]} gets {@code acc = Σ_{p<kc} ap[ao + p·MR + i]·bp[bo + p·NR + j]}, as
     * described in the class doc; the caller stores it into C. Free of branches other than its loop.
     */
    private static void microKernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] tile) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        DoubleVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, bi + L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** A full tile: {@code C = alpha·acc + beta·C} (beta == 0: C not read), acc from the scratch tile. */
    private static void storeFull(double[] tile, double[] c, int co, int ldc, double alpha, double beta) {
        DoubleVector alphaV = DoubleVector.broadcast(S, alpha);
        for (int i = 0; i < MR; i++) {
            int row = co + i * ldc;
            for (int v = 0; v < NR; v += L) {
                DoubleVector acc = DoubleVector.fromArray(S, tile, i * NR + v);
                if (beta == 0.0) {
                    acc.mul(alphaV).intoArray(c, row + v);
                } else {
                    acc.fma(alphaV, DoubleVector.fromArray(S, c, row + v).mul(beta))
                            .intoArray(c, row + v);
                }
            }
        }
    }

    /** A partial tile {@code [mr×nr]}: the lane operations of {@link #storeFull}, one element at a time. */
    private static void storePartial(
            double[] tile, double[] c, int co, int ldc, int mr, int nr, double alpha, double beta) {
        for (int i = 0; i < mr; i++) {
            int row = co + i * ldc;
            for (int j = 0; j < nr; j++) {
                double acc = tile[i * NR + j];
                c[row + j] = beta == 0.0 ? acc * alpha : Math.fma(acc, alpha, beta * c[row + j]);
            }
        }
    }

    @Override
    public double dot(int n, double[] x, int xOff, double[] y, int yOff) {
        // four independent vector accumulators hide the fma latency; fixed order for a given n
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (; i <= n - 4 * L; i += 4 * L) {
            s0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), s0);
            s1 = DoubleVector.fromArray(S, x, xOff + i + L).fma(DoubleVector.fromArray(S, y, yOff + i + L), s1);
            s2 = DoubleVector.fromArray(S, x, xOff + i + 2 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 2 * L), s2);
            s3 = DoubleVector.fromArray(S, x, xOff + i + 3 * L).fma(DoubleVector.fromArray(S, y, yOff + i + 3 * L), s3);
        }
        for (; i <= n - L; i += L) {
            s0 = DoubleVector.fromArray(S, x, xOff + i).fma(DoubleVector.fromArray(S, y, yOff + i), s0);
        }
        // The lanes are added in a fixed order by hand: reduceLanes(ADD) on doubles may associate differently when
        // intrinsified than in its Java fallback, which would make a result depend on JIT timing.
        double[] lanes = new double[L];
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        double sum;
        if (L == 8) { // a three-level tree: a shorter chain of dependent adds than left to right
            sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        } else {
            sum = 0;
            for (int j = 0; j < L; j++) {
                sum += lanes[j];
            }
        }
        for (; i < n; i++) {
            sum = Math.fma(x[xOff + i], y[yOff + i], sum);
        }
        return sum;
    }

    @Override
    public void axpyRows(
            int k, int n, double alpha, double[] b, int bOff, int ldb, double[] x, int xOff, double[] y, int yOff) {
        // Blocks of four vectors of y stay in registers across all k rows, so y is loaded and stored once instead of
        // k times (a narrow design matrix times its coefficients: k = 10 rows of length 1000). Each element still gets
        // its k fused multiply-adds in row order: the same bits as one row at a time.
        // Rows shorter than four vectors (a small model's Cholesky factor times a draw: 10×10 in eight schools) take
        // the scalar loop at the end for every element: the same fused multiply-adds in the same order, so the same
        // bits, and such a fit never runs Vector API code, which is slow (boxed) until C2 has compiled it and whose
        // compilation competes with the fit (docs/benchmarks.md, "Cold start").
        if (n < 4 * L) {
            scalarRows(0, k, n, alpha, b, bOff, ldb, x, xOff, y, yOff);
            return;
        }
        int j = 0;
        for (; j <= n - 4 * L; j += 4 * L) {
            int c = yOff + j;
            DoubleVector y0 = DoubleVector.fromArray(S, y, c);
            DoubleVector y1 = DoubleVector.fromArray(S, y, c + L);
            DoubleVector y2 = DoubleVector.fromArray(S, y, c + 2 * L);
            DoubleVector y3 = DoubleVector.fromArray(S, y, c + 3 * L);
            for (int p = 0; p < k; p++) {
                DoubleVector tv = DoubleVector.broadcast(S, alpha * x[xOff + p]);
                int row = bOff + p * ldb + j;
                y0 = tv.fma(DoubleVector.fromArray(S, b, row), y0);
                y1 = tv.fma(DoubleVector.fromArray(S, b, row + L), y1);
                y2 = tv.fma(DoubleVector.fromArray(S, b, row + 2 * L), y2);
                y3 = tv.fma(DoubleVector.fromArray(S, b, row + 3 * L), y3);
            }
            y0.intoArray(y, c);
            y1.intoArray(y, c + L);
            y2.intoArray(y, c + 2 * L);
            y3.intoArray(y, c + 3 * L);
        }
        for (; j <= n - L; j += L) {
            DoubleVector y0 = DoubleVector.fromArray(S, y, yOff + j);
            for (int p = 0; p < k; p++) {
                y0 = DoubleVector.broadcast(S, alpha * x[xOff + p])
                        .fma(DoubleVector.fromArray(S, b, bOff + p * ldb + j), y0);
            }
            y0.intoArray(y, yOff + j);
        }
        scalarRows(j, k, n, alpha, b, bOff, ldb, x, xOff, y, yOff);
    }

    /** Columns {@code from..n-1} of {@link #axpyRows}: per element, its k fused multiply-adds in row order. */
    private static void scalarRows(
            int from,
            int k,
            int n,
            double alpha,
            double[] b,
            int bOff,
            int ldb,
            double[] x,
            int xOff,
            double[] y,
            int yOff) {
        for (int j = from; j < n; j++) {
            double v = y[yOff + j];
            for (int p = 0; p < k; p++) {
                v = Math.fma(alpha * x[xOff + p], b[bOff + p * ldb + j], v);
            }
            y[yOff + j] = v;
        }
    }
}
