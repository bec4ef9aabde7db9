package org.elbo4j.tensor.blas;

/**
 * Dense double-precision BLAS kernels on row-major arrays: matrix–matrix product (GEMM),
 * matrix–vector product (GEMV) and dot product, in pure Java.
 *
 * <p>A matrix {@code X[r×c]} is stored row-major in {@code double[] x} from offset {@code xOff} with
 * row stride {@code ldx ≥ c}: {@code X[i][j] = x[xOff + i·ldx + j]}. {@code op(X)} is {@code X} or
 * {@code Xᵀ}. The products are
 * \[ C \leftarrow \alpha\,\mathrm{op}(A)\,\mathrm{op}(B) + \beta\,C, \qquad
 *    y \leftarrow \alpha\,\mathrm{op}(A)\,x + \beta\,y, \qquad x \cdot y = \textstyle\sum_i x_i y_i, \]
 * with the BLAS convention that {@code beta == 0} overwrites the output without reading it (so NaN
 * or garbage there is ignored) and that {@code alpha == 0} (or {@code k == 0}) reads neither A nor B.
 * Outputs must not overlap inputs.
 *
 * <p><b>Backends.</b> When the {@code jdk.incubator.vector} module is in the boot layer (run with
 * {@code --add-modules jdk.incubator.vector}), GEMM uses a packed, register-blocked micro-kernel on
 * {@code DoubleVector} with fused multiply-adds ({@link VectorKernel}); otherwise a plain-Java
 * kernel with the same blocking and a scalar register tile ({@link JavaKernel}). The vector class is
 * loaded only in the first case. The system property {@code elbo4j.blas=java|vector}, read once when
 * this class initialises, forces one; {@link #backend()} says which is in use.
 *
 * <p><b>Threads and determinism.</b> Products with {@code m·n·k ≥ 2¹⁹} are cut into blocks of rows
 * or columns of C, one per thread (at most {@link #setThreads}), run on a shared pool of daemon
 * threads plus the caller ({@link WorkerPool}; one split product at a time — a call that finds the
 * pool busy runs alone). Every element of C is computed by the same sequence of floating-point
 * operations whatever the block it falls in, so for a given backend the result is bit-identical for
 * any thread count. The two backends differ from each other in the last bits (only the vector one
 * fuses multiply-adds). Smaller products run on the calling thread without any task overhead. On a
 * machine whose cores are busy with other processes, splitting does not pay: call
 * {@code setThreads(1)} there.
 *
 * <p>Calls never allocate per element; each thread reuses its own packing buffers (at most about
 * 2.3 MB), grown on first use.
 */
public final class Blas {

    /**
     * Work {@code m·n·k} below which a product stays on the calling thread. GemmSplitBench (idle
     * 2-core machine, vector kernel): two blocks beat one from about 48³ ≈ 2¹⁷ (2.7 vs 3.1 µs), by
     * 1.4× at 64³ and 1.55× at 96³; 2¹⁹ leaves a margin for the hand-off.
     */
    static final long PARALLEL_MIN_WORK = 1L << 19;
    /** Least work {@code m·n·k} worth handing to one more thread. */
    static final long WORK_PER_THREAD = 1L << 18;
    /** The system property that forces a backend: {@code java} or {@code vector}. */
    public static final String BACKEND_PROPERTY = "elbo4j.blas";

    static final GemmKernel JAVA = new JavaKernel();
    private static final String[] SELECTION_NOTE = new String[1];
    private static final GemmKernel KERNEL = select(System.getProperty(BACKEND_PROPERTY), SELECTION_NOTE);

    private static final WorkerPool POOL = new WorkerPool();
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private Blas() {}

    // ------------------------------------------------------------------------------------------------
    // backend selection

    /** True when the Vector API module was resolved at start-up (e.g. {@code --add-modules}). */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * The kernel for a property value ({@code null} or blank: the best available). Never throws: a
     * request that cannot be met falls back to the Java kernel and leaves a note for {@link #backend()}.
     */
    static GemmKernel select(String forced, String[] note) {
        String want = forced == null ? "" : forced.trim().toLowerCase(java.util.Locale.ROOT);
        if (want.equals("java")) {
            return JAVA;
        }
        if (!want.isEmpty() && !want.equals("vector")) {
            note[0] = "unknown " + BACKEND_PROPERTY + "=" + forced + " ignored";
        }
        if (!vectorModulePresent()) {
            if (want.equals("vector")) {
                note[0] = BACKEND_PROPERTY + "=vector requested but module jdk.incubator.vector is absent";
            }
            return JAVA;
        }
        try {
            // reflective, so that nothing links the Vector API classes unless the module is there
            return (GemmKernel) Class.forName("org.elbo4j.tensor.blas.VectorKernel")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            note[0] = "vector kernel unavailable: " + e;
            return JAVA;
        }
    }

    /** The kernel in use (package-private hook for tests and benchmarks). */
    static GemmKernel kernel() {
        return KERNEL;
    }

    /**
     * The Vector API kernel, or {@code null} when the module is absent (hook for tests and benchmarks
     * that compare both backends in one JVM).
     */
    static GemmKernel vectorKernelOrNull() {
        GemmKernel k = select("vector", new String[1]);
        return k == JAVA ? null : k;
    }

    /**
     * A description of the implementation in use, for {@code --version} and benchmark reports, e.g.
     * {@code "vector-api (AVX-512, 8 lanes), 2 threads"} or {@code "java, 1 thread"}.
     */
    public static String backend() {
        int t = threads;
        String s = KERNEL.name() + ", " + t + (t == 1 ? " thread" : " threads");
        return SELECTION_NOTE[0] == null ? s : s + " (" + SELECTION_NOTE[0] + ")";
    }

    /**
     * Sets the largest number of threads one product may use (the caller counts as one).
     *
     * @implSpec The default is {@link Runtime#availableProcessors()}.
     * @param n the thread count, {@code ≥ 1}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads = " + n + ", must be >= 1");
        }
        threads = n;
    }

    /** The thread count set by {@link #setThreads}. */
    public static int threads() {
        return threads;
    }

    // ------------------------------------------------------------------------------------------------
    // GEMM

    /**
     * Row-major {@code C[m×n] = alpha·op(A)·op(B) + beta·C}, {@code op(X) = X} or {@code Xᵀ}.
     *
     * <p>Shapes as stored: A is {@code m×k} ({@code transA == false}) or {@code k×m}, row stride
     * {@code lda}; B is {@code k×n} or {@code n×k}, row stride {@code ldb}; C is {@code m×n}, row
     * stride {@code ldc}. A and B are not modified; C is modified (only its {@code m×n} elements).
     * {@code beta == 0} overwrites C without reading it.
     *
     * @throws IllegalArgumentException if a size is negative, a row stride is shorter than its row, an
     *     offset is negative, an array is null or too short for its offset, stride and shape; the
     *     message names the argument and its value
     */
    public static void dgemm(
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
        gemm(KERNEL, threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link #dgemm} on a given kernel and thread count (package-private hook for tests). */
    static void gemm(
            GemmKernel kernel,
            int nThreads,
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
        checkSize("m", m);
        checkSize("n", n);
        checkSize("k", k);
        checkMatrix("a", a, "aOff", aOff, "lda", lda, transA ? k : m, transA ? m : k, transA ? "k×m (transA)" : "m×k");
        checkMatrix("b", b, "bOff", bOff, "ldb", ldb, transB ? n : k, transB ? k : n, transB ? "n×k (transB)" : "k×n");
        checkMatrix("c", c, "cOff", cOff, "ldc", ldc, m, n, "m×n");
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0.0) { // BLAS: A and B are not read
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        split(
                kernel,
                plannedParts(kernel, nThreads, m, n, k),
                transA,
                transB,
                m,
                n,
                k,
                alpha,
                a,
                aOff,
                lda,
                b,
                bOff,
                ldb,
                beta,
                c,
                cOff,
                ldc);
    }

    /**
     * Runs a validated product ({@code m, n, k ≥ 1}, {@code alpha ≠ 0}) as {@code parts} blocks of C
     * (at most one per register tile along the cut), the first on the calling thread, the others on
     * the pool. Package-private so that benchmarks can time a split below the thresholds.
     */
    static void split(
            GemmKernel kernel,
            int parts,
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
        boolean byColumns = splitsColumns(m, n);
        int grain = byColumns ? kernel.colGrain() : kernel.rowGrain();
        int extent = byColumns ? n : m;
        int tiles = (extent + grain - 1) / grain;
        parts = Math.min(parts, tiles);
        if (parts <= 1) {
            kernel.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Runnable[] tasks = new Runnable[parts];
        for (int q = 0; q < parts; q++) {
            int from = Math.min(extent, (int) ((long) tiles * q / parts) * grain);
            int to = Math.min(extent, (int) ((long) tiles * (q + 1) / parts) * grain);
            if (byColumns) {
                int bShift = transB ? from * ldb : from;
                tasks[q] = () -> kernel.gemm(
                        transA,
                        transB,
                        m,
                        to - from,
                        k,
                        alpha,
                        a,
                        aOff,
                        lda,
                        b,
                        bOff + bShift,
                        ldb,
                        beta,
                        c,
                        cOff + from,
                        ldc);
            } else {
                int aShift = transA ? from : from * lda;
                tasks[q] = () -> kernel.gemm(
                        transA,
                        transB,
                        to - from,
                        n,
                        k,
                        alpha,
                        a,
                        aOff + aShift,
                        lda,
                        b,
                        bOff,
                        ldb,
                        beta,
                        c,
                        cOff + from * ldc,
                        ldc);
            }
        }
        if (!POOL.tryRun(tasks)) { // busy with another product: alone, with the same bits
            kernel.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * How many blocks of C a product is cut into: 1 below {@link #PARALLEL_MIN_WORK}, else at most
     * one per {@link #WORK_PER_THREAD} of work, per thread and per register tile along the cut.
     */
    static int plannedParts(GemmKernel kernel, int nThreads, int m, int n, int k) {
        long work = (long) m * n * k;
        if (work < PARALLEL_MIN_WORK) {
            return 1;
        }
        int parts = (int) Math.min(nThreads, work / WORK_PER_THREAD);
        boolean byColumns = splitsColumns(m, n);
        int grain = byColumns ? kernel.colGrain() : kernel.rowGrain();
        int extent = byColumns ? n : m;
        return Math.max(1, Math.min(parts, (extent + grain - 1) / grain));
    }

    /**
     * Cut C into column blocks (else row blocks)? Cutting columns makes every thread pack all of A
     * ({@code m·k}), cutting rows makes every thread pack all of B ({@code k·n}): re-pack the smaller.
     */
    static boolean splitsColumns(int m, int n) {
        return m <= n;
    }

    /** {@code C = beta·C} over {@code m×n}; {@code beta == 0} writes zeros without reading. */
    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta == 1.0) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0.0 ? 0.0 : beta * c[row + j];
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // GEMV and DOT

    /**
     * {@code y[m] = alpha·op(A)·x + beta·y} where {@code op(A)} is {@code m×n}: A is stored {@code m×n}
     * ({@code transA == false}) or {@code n×m}, row stride {@code lda}; {@code x} has {@code n}
     * elements from {@code xOff}, {@code y} has {@code m} from {@code yOff} (unit strides). Unlike the
     * Fortran BLAS, {@code m} and {@code n} are the shape of {@code op(A)}, as in {@link #dgemm}.
     * A and x are not modified; y is modified, and not read when {@code beta == 0}.
     * Single-threaded: the product is bound by memory, not arithmetic.
     *
     * @throws IllegalArgumentException if a size or offset is negative, {@code lda} is shorter than a
     *     stored row, or an array is null or too short; the message names the argument
     */
    public static void dgemv(
            boolean transA,
            int m,
            int n,
            double alpha,
            double[] a,
            int aOff,
            int lda,
            double[] x,
            int xOff,
            double beta,
            double[] y,
            int yOff) {
        gemv(KERNEL, transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /** {@link #dgemv} on a given kernel (package-private hook for tests). */
    static void gemv(
            GemmKernel kernel,
            boolean transA,
            int m,
            int n,
            double alpha,
            double[] a,
            int aOff,
            int lda,
            double[] x,
            int xOff,
            double beta,
            double[] y,
            int yOff) {
        checkSize("m", m);
        checkSize("n", n);
        checkMatrix("a", a, "aOff", aOff, "lda", lda, transA ? n : m, transA ? m : n, transA ? "n×m (transA)" : "m×n");
        checkVector("x", x, "xOff", xOff, n, "n");
        checkVector("y", y, "yOff", yOff, m, "m");
        if (m == 0) {
            return;
        }
        if (n == 0 || alpha == 0.0) {
            scale(1, m, beta, y, yOff, m);
            return;
        }
        if (!transA && n < SHORT_ROW) { // rows too short for a vector dot product: eight rows at a time, scalar
            shortRows(m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        } else if (!transA) { // y_i = alpha·(A_i · x) + beta·y_i, one dot product per row
            for (int i = 0; i < m; i++) {
                double d = kernel.dot(n, a, aOff + i * lda, x, xOff);
                y[yOff + i] = beta == 0.0 ? alpha * d : alpha * d + beta * y[yOff + i];
            }
        } else { // y = beta·y, then y += alpha·x_p·A_p for each stored row p
            scale(1, m, beta, y, yOff, m);
            kernel.axpyRows(n, m, alpha, a, aOff, lda, x, xOff, y, yOff);
        }
    }

    /**
     * Rows shorter than this take {@link #shortRows} in a non-transposed GEMV: a vector dot product of 10 terms is one
     * vector FMA, a horizontal sum and a scalar tail per row (1000×10 measured 9.7 µs by {@code LikelihoodKernelBench},
     * 1,000 dot products), where eight rows' sums in flight at once keep the FMA units busy (2.7 µs with four rows
     * at a time).
     */
    static final int SHORT_ROW = 16;

    /**
     * y_i = alpha·(A_i · x) + beta·y_i for rows shorter than {@link #SHORT_ROW}: each row's sum is the fused
     * multiply-adds of its terms in order, the same bits on every backend and for any grouping of the rows.
     */
    private static void shortRows(
            int m,
            int n,
            double alpha,
            double[] a,
            int aOff,
            int lda,
            double[] x,
            int xOff,
            double beta,
            double[] y,
            int yOff) {
        int i = 0;
        for (; i + 7 < m; i += 8) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            int r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            for (int p = 0; p < n; p++) {
                double xp = x[xOff + p];
                s0 = Math.fma(a[r0 + p], xp, s0);
                s1 = Math.fma(a[r1 + p], xp, s1);
                s2 = Math.fma(a[r2 + p], xp, s2);
                s3 = Math.fma(a[r3 + p], xp, s3);
                s4 = Math.fma(a[r4 + p], xp, s4);
                s5 = Math.fma(a[r5 + p], xp, s5);
                s6 = Math.fma(a[r6 + p], xp, s6);
                s7 = Math.fma(a[r7 + p], xp, s7);
            }
            store(y, yOff + i, s0, alpha, beta);
            store(y, yOff + i + 1, s1, alpha, beta);
            store(y, yOff + i + 2, s2, alpha, beta);
            store(y, yOff + i + 3, s3, alpha, beta);
            store(y, yOff + i + 4, s4, alpha, beta);
            store(y, yOff + i + 5, s5, alpha, beta);
            store(y, yOff + i + 6, s6, alpha, beta);
            store(y, yOff + i + 7, s7, alpha, beta);
        }
        for (; i < m; i++) {
            int r = aOff + i * lda;
            double s = 0;
            for (int p = 0; p < n; p++) {
                s = Math.fma(a[r + p], x[xOff + p], s);
            }
            store(y, yOff + i, s, alpha, beta);
        }
    }

    private static void store(double[] y, int at, double d, double alpha, double beta) {
        y[at] = beta == 0.0 ? alpha * d : alpha * d + beta * y[at];
    }

    /**
     * {@code Σ_{i<n} x[xOff+i]·y[yOff+i]}, summed in an order fixed by {@code n} (partial sums in
     * parallel lanes, then combined), so not bit-equal to a left-to-right loop. Neither array is
     * modified.
     *
     * @throws IllegalArgumentException if {@code n} or an offset is negative, or an array is null or
     *     too short
     */
    public static double ddot(int n, double[] x, int xOff, double[] y, int yOff) {
        return dot(KERNEL, n, x, xOff, y, yOff);
    }

    /** {@link #ddot} on a given kernel (package-private hook for tests). */
    static double dot(GemmKernel kernel, int n, double[] x, int xOff, double[] y, int yOff) {
        checkSize("n", n);
        checkVector("x", x, "xOff", xOff, n, "n");
        checkVector("y", y, "yOff", yOff, n, "n");
        return n == 0 ? 0.0 : kernel.dot(n, x, xOff, y, yOff);
    }

    // ------------------------------------------------------------------------------------------------
    // validation

    private static void checkSize(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " = " + v + ", must be >= 0");
        }
    }

    /** A stored {@code rows×cols} matrix in {@code x} from {@code off}, row stride {@code ld}. */
    private static void checkMatrix(
            String name, double[] x, String offName, int off, String ldName, int ld, int rows, int cols, String shape) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(offName + " = " + off + ", must be >= 0");
        }
        if (ld < cols) {
            throw new IllegalArgumentException(ldName + " = " + ld + " is less than the stored row length " + cols
                    + " of " + name + " (" + shape + ")");
        }
        long need = rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols;
        if (off + need > x.length) {
            throw new IllegalArgumentException(name + ".length = " + x.length + " is too short for a "
                    + rows + "×" + cols + " matrix (" + shape + ") at " + offName + " = " + off + " with "
                    + ldName + " = " + ld + ": needs " + (off + need));
        }
    }

    private static void checkVector(String name, double[] x, String offName, int off, int len, String lenName) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(offName + " = " + off + ", must be >= 0");
        }
        if ((long) off + len > x.length) {
            throw new IllegalArgumentException(name + ".length = " + x.length + " is too short for " + lenName + " = "
                    + len + " elements at " + offName + " = " + off);
        }
    }
}
