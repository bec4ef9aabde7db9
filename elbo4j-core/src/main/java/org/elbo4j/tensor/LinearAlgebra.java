package org.elbo4j.tensor;

import org.elbo4j.tensor.blas.Blas;

/**
 * Matrix products (through {@link Blas}), Cholesky factorisation and triangular solves, with backward rules.
 *
 * <p>Backward of C = A·B: Ā += C̄·Bᵀ, B̄ += Aᵀ·C̄, accumulated by GEMM with β = 1 straight into the adjoint
 * buffers (no temporaries). Cholesky's backward follows Murray (2016).
 *
 * <blockquote>I. Murray, "Differentiation of the Cholesky decomposition", arXiv:1602.07527, 2016.</blockquote>
 */
final class LinearAlgebra {
    private LinearAlgebra() {}

    static Tensor matmul(Tensor a, Tensor b) {
        int ra = a.rank(), rb = b.rank();
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException(
                    "matmul: needs rank >= 1 operands, got shapes " + a.shape + " and " + b.shape);
        }
        if (ra > 3 || rb > 3) {
            throw new IllegalArgumentException("matmul: supports rank <= 3, got shapes " + a.shape + " and " + b.shape);
        }
        int ka = a.shape.dim(-1), kb = rb == 1 ? b.shape.dim(0) : b.shape.dim(-2);
        if (ka != kb) {
            throw new IllegalArgumentException(
                    "matmul: inner sizes differ: " + a.shape + " · " + b.shape + " (" + ka + " vs " + kb + ")");
        }
        if (ra == 1 && rb == 1) return dot(a, b);
        if (ra == 2 && rb == 1) return gemv(a, b, a.dim(0), ka, Shape.of(a.dim(0))); // no reshapes: one node
        Tensor a3 = ra == 1
                ? ShapeOps.reshape(a, new int[] {1, 1, ka})
                : ra == 2 ? ShapeOps.reshape(a, new int[] {1, a.dim(0), ka}) : a;
        Tensor b3 = rb == 1
                ? ShapeOps.reshape(b, new int[] {1, kb, 1})
                : rb == 2 ? ShapeOps.reshape(b, new int[] {1, kb, b.dim(1)}) : b;
        int batchA = a3.dim(0), batchB = b3.dim(0);
        if (batchA != batchB && batchA != 1 && batchB != 1) {
            throw new IllegalArgumentException("matmul: batch sizes differ: " + a.shape + " · " + b.shape);
        }
        Tensor c = batched(a3, b3);
        // Drop the dimensions that the vector / matrix operands did not have.
        int m = a3.dim(1), n = b3.dim(2), batch = c.dim(0);
        int[] out;
        if (ra == 1) out = rb == 3 ? new int[] {batch, n} : new int[] {n};
        else if (rb == 1) out = ra == 3 ? new int[] {batch, m} : new int[] {m};
        else out = ra == 3 || rb == 3 ? new int[] {batch, m, n} : new int[] {m, n};
        return ShapeOps.reshape(c, out);
    }

    /**
     * A constant matrix with at most this many columns, and at least {@link #NARROW_MIN_ROWS} rows, is multiplied
     * through its column-major copy: the design matrix of a regression (N×D, D small) times the coefficients.
     * Row-major, each output is a dot product of D terms (too short to fill a vector register, and a horizontal
     * sum each); column-major, the product is D long axpys and its adjoint D long dot products, both at full
     * vector width. Measured on logistic regression N=1000, D=10 by {@code SviSteps}; the copy costs one
     * matrix of memory, once per constant tensor.
     */
    private static final int NARROW_MAX_COLS = 16, NARROW_MIN_ROWS = 64;

    /** [m,k]·[k] → [m] by GEMV; backward Ā += c̄ ⊗ b, b̄ += Aᵀ·c̄. */
    private static Tensor gemv(Tensor a, Tensor b, int m, int k, Shape s) {
        double[] c = new double[m];
        Tape t = Tape.common("matmul", a, b);
        if (a.tape == null && k <= NARROW_MAX_COLS && m >= NARROW_MIN_ROWS) {
            double[] at = columnMajor(a, m, k); // k×m row-major
            Blas.dgemv(true, m, k, 1.0, at, 0, m, b.data, 0, 0.0, c, 0); // c = (Aᵀ)ᵀ·b: k axpys of length m
            if (t == null) return new Tensor(s, c);
            return t.push("matmul", s, c, (g, adj) -> {
                double[] gb = adj.of(b);
                if (gb != null) Blas.dgemv(false, k, m, 1.0, at, 0, m, g, 0, 1.0, gb, 0); // k dots of length m
            });
        }
        Blas.dgemv(false, m, k, 1.0, a.data, 0, k, b.data, 0, 0.0, c, 0);
        if (t == null) return new Tensor(s, c);
        return t.push("matmul", s, c, (g, adj) -> {
            double[] ga = adj.of(a), gb = adj.of(b);
            if (ga != null) {
                double[] bd = b.data;
                for (int i = 0; i < m; i++) {
                    double gi = g[i];
                    if (gi == 0) continue;
                    int row = i * k;
                    for (int p = 0; p < k; p++) ga[row + p] += gi * bd[p];
                }
            }
            if (gb != null) Blas.dgemv(true, k, m, 1.0, a.data, 0, k, g, 0, 1.0, gb, 0); // op(A) = Aᵀ is k×m
        });
    }

    private static double[] columnMajor(Tensor a, int m, int k) {
        double[] at = Facts.of(a).columnMajor;
        if (at == null) {
            at = transpose(a.data, m, k);
            a.facts = Facts.of(a).withColumnMajor(at);
        }
        return at;
    }

    /** [ba,m,k]·[bb,k,n] → [max(ba,bb),m,n]; a batch size of 1 is shared. */
    private static Tensor batched(Tensor a, Tensor b) {
        int ba = a.dim(0), bb = b.dim(0), m = a.dim(1), k = a.dim(2), n = b.dim(2);
        if (n == 1 && ba == 1 && bb == 1) return gemv(a, b, m, k, Shape.of(1, m, 1));
        int batch = Math.max(ba, bb);
        int sa = ba == 1 ? 0 : m * k, sb = bb == 1 ? 0 : k * n;
        double[] c = new double[batch * m * n];
        for (int i = 0; i < batch; i++) {
            Blas.dgemm(false, false, m, n, k, 1.0, a.data, i * sa, k, b.data, i * sb, n, 0.0, c, i * m * n, n);
        }
        Shape s = Shape.of(batch, m, n);
        Tape t = Tape.common("matmul", a, b);
        if (t == null) return new Tensor(s, c);
        return t.push("matmul", s, c, (g, adj) -> {
            double[] ga = adj.of(a), gb = adj.of(b);
            if (ga != null) {
                if (sa == 0 && batch > 1) {
                    // Shared A: Ā = Σ_i C̄_i·B_iᵀ. With B shared too, that is (Σ_i C̄_i)·Bᵀ.
                    for (int i = 0; i < batch; i++) {
                        Blas.dgemm(false, true, m, k, n, 1.0, g, i * m * n, n, b.data, i * sb, n, 1.0, ga, 0, k);
                    }
                } else {
                    for (int i = 0; i < batch; i++) {
                        Blas.dgemm(false, true, m, k, n, 1.0, g, i * m * n, n, b.data, i * sb, n, 1.0, ga, i * sa, k);
                    }
                }
            }
            if (gb != null) {
                if (sb == 0 && sa != 0) {
                    // Shared B, batched A: B̄ = Σ_i A_iᵀ·C̄_i = Aᵀ·C̄ with A viewed as [batch·m, k].
                    Blas.dgemm(true, false, k, n, batch * m, 1.0, a.data, 0, k, g, 0, n, 1.0, gb, 0, n);
                } else {
                    for (int i = 0; i < batch; i++) {
                        Blas.dgemm(true, false, k, n, m, 1.0, a.data, i * sa, k, g, i * m * n, n, 1.0, gb, i * sb, n);
                    }
                }
            }
        });
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1 || a.size() != b.size()) {
            throw new IllegalArgumentException(
                    "dot: needs two vectors of equal length, got shapes " + a.shape + " and " + b.shape);
        }
        double[] y = {Blas.ddot(a.size(), a.data, 0, b.data, 0)};
        Tape t = Tape.common("dot", a, b);
        if (t == null) return new Tensor(Shape.SCALAR, y);
        return t.push("dot", Shape.SCALAR, y, (g, adj) -> {
            double[] ga = adj.of(a), gb = adj.of(b);
            if (ga != null) for (int i = 0; i < ga.length; i++) ga[i] += g[0] * b.data[i];
            if (gb != null) for (int i = 0; i < gb.length; i++) gb[i] += g[0] * a.data[i];
        });
    }

    static Tensor outer(Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1) {
            throw new IllegalArgumentException("outer: needs two vectors, got shapes " + a.shape + " and " + b.shape);
        }
        return a.reshape(a.size(), 1).mul(b.reshape(1, b.size()));
    }

    private static int requireSquare(String op, Tensor a) {
        if (a.rank() != 2 || a.dim(0) != a.dim(1)) {
            throw new IllegalArgumentException(op + ": needs a square matrix, got shape " + a.shape);
        }
        return a.dim(0);
    }

    static Tensor cholesky(Tensor a) {
        int n = requireSquare("cholesky", a);
        double[] A = a.data, L = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = A[j * n + j];
            for (int k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
            if (!(d > 0)) {
                throw new IllegalArgumentException("cholesky: matrix of shape " + a.shape
                        + " is not positive definite (pivot " + j + " is " + d + ")");
            }
            double ljj = Math.sqrt(d);
            L[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = A[i * n + j];
                for (int k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
                L[i * n + j] = s / ljj;
            }
        }
        Shape s = a.shape;
        if (a.tape == null) return new Tensor(s, L);
        return a.tape.push("cholesky", s, L, (g, adj) -> {
            // G = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹ (Murray 2016); A's lower triangle is the input, so Ā_ij = G_ij + G_ji (i > j).
            double[] M = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = 0;
                    for (int k = i; k < n; k++) v += L[k * n + i] * g[k * n + j]; // (Lᵀ L̄)_ij, L̄ lower
                    M[i * n + j] = i == j ? 0.5 * v : v;
                }
            }
            // X = L⁻ᵀ M (upper solve on columns), then G = X L⁻¹  ⇔  Gᵀ = L⁻ᵀ Xᵀ.
            double[] X = solve(L, n, M, n, true, true);
            double[] Xt = transpose(X, n, n);
            double[] Gt = solve(L, n, Xt, n, true, true);
            double[] ga = adj.of(a);
            for (int i = 0; i < n; i++) {
                ga[i * n + i] += Gt[i * n + i];
                for (int j = 0; j < i; j++) ga[i * n + j] += Gt[i * n + j] + Gt[j * n + i];
            }
        });
    }

    private static double[] transpose(double[] x, int r, int c) {
        double[] y = new double[x.length];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) y[j * r + i] = x[i * c + j];
        return y;
    }

    /** Solves op(T)·X = B for triangular T [n,n] and B [n,k]; returns X [n,k]. */
    private static double[] solve(double[] T, int n, double[] B, int k, boolean lower, boolean trans) {
        double[] X = B.clone();
        // op(T) is lower-triangular when (lower XOR trans) is false... i.e. effective lower = lower != trans.
        boolean effLower = lower != trans;
        for (int c = 0; c < k; c++) {
            if (effLower) {
                for (int i = 0; i < n; i++) {
                    double s = X[i * k + c];
                    for (int j = 0; j < i; j++) s -= t(T, n, i, j, trans) * X[j * k + c];
                    X[i * k + c] = s / T[i * n + i];
                }
            } else {
                for (int i = n - 1; i >= 0; i--) {
                    double s = X[i * k + c];
                    for (int j = i + 1; j < n; j++) s -= t(T, n, i, j, trans) * X[j * k + c];
                    X[i * k + c] = s / T[i * n + i];
                }
            }
        }
        return X;
    }

    private static double t(double[] T, int n, int i, int j, boolean trans) {
        return trans ? T[j * n + i] : T[i * n + j];
    }

    static Tensor solveTriangular(Tensor tri, Tensor b, boolean lower, boolean trans) {
        int n = requireSquare("solveTriangular", tri);
        boolean vec = b.rank() == 1;
        if (!(b.rank() == 1 || b.rank() == 2) || b.dim(0) != n) {
            throw new IllegalArgumentException("solveTriangular: right-hand side of shape " + b.shape
                    + " does not fit a " + n + "x" + n + " system");
        }
        for (int i = 0; i < n; i++) {
            if (tri.data[i * n + i] == 0) {
                throw new IllegalArgumentException("solveTriangular: matrix of shape " + tri.shape
                        + " is singular (diagonal entry " + i + " is 0)");
            }
        }
        int k = vec ? 1 : b.dim(1);
        double[] X = solve(tri.data, n, b.data, k, lower, trans);
        Tape t = Tape.common("solveTriangular", tri, b);
        if (t == null) return new Tensor(b.shape, X);
        return t.push("solveTriangular", b.shape, X, (g, adj) -> {
            // B̄ = op(T)⁻ᵀ X̄; T̄ = −B̄ Xᵀ (op = I) or −X B̄ᵀ (op = ᵀ), kept on T's triangle.
            double[] bbar = solve(tri.data, n, g, k, lower, !trans);
            double[] gb = adj.of(b);
            if (gb != null) for (int i = 0; i < gb.length; i++) gb[i] += bbar[i];
            double[] gt = adj.of(tri);
            if (gt != null) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (lower ? j > i : j < i) continue;
                        double v = 0;
                        for (int c = 0; c < k; c++) {
                            v += trans ? X[i * k + c] * bbar[j * k + c] : bbar[i * k + c] * X[j * k + c];
                        }
                        gt[i * n + j] -= v;
                    }
                }
            }
        });
    }
}
