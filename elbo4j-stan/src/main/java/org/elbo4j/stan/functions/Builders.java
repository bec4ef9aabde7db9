package org.elbo4j.stan.functions;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Stan's container builders and slicers: {@code rep_vector}, {@code rep_row_vector}, {@code rep_matrix},
 * {@code rep_array}, {@code append_row}, {@code append_col}, {@code append_array}, {@code to_vector},
 * {@code to_row_vector}, {@code to_matrix}, {@code to_array_1d}, {@code segment}, {@code head}, {@code tail},
 * {@code col}, {@code row}, {@code sub_col}, {@code sub_row}, {@code block}, {@code transpose}. Positions are Stan's
 * 1-based values; out-of-range requests throw {@link StanDomainException} naming the function.
 * Stan's {@code to_vector(matrix)} and {@code to_matrix(vector, m, n)} are column-major; tensors are row-major.
 */
public final class Builders {
    private Builders() {}

    /** {@code rep_vector(x, n)} and {@code rep_row_vector(x, n)}: x repeated n times, shape [n]. */
    public static Tensor repVector(Tensor x, int n) {
        Check.size("rep_vector", "n", n);
        return x.reshape(Shape.SCALAR).broadcastTo(Shape.of(n));
    }

    /** {@code rep_matrix(x, m, n)}: an m×n matrix of x. */
    public static Tensor repMatrix(Tensor x, int m, int n) {
        Check.size("rep_matrix", "rows", m);
        Check.size("rep_matrix", "cols", n);
        return x.reshape(Shape.SCALAR).broadcastTo(Shape.of(m, n));
    }

    /** {@code rep_matrix(v, n)} for a column vector v[m]: n copies of v as columns, m×n. */
    public static Tensor repMatrixVector(Tensor v, int n) {
        Check.size("rep_matrix", "cols", n);
        return v.reshape(v.size(), 1).broadcastTo(Shape.of(v.size(), n));
    }

    /** {@code rep_matrix(rv, m)} for a row vector rv[n]: m copies of rv as rows, m×n. */
    public static Tensor repMatrixRowVector(Tensor rv, int m) {
        Check.size("rep_matrix", "rows", m);
        return rv.reshape(1, rv.size()).broadcastTo(Shape.of(m, rv.size()));
    }

    /** {@code rep_array(x, n)}, {@code rep_array(x, m, n)}, {@code rep_array(x, k, m, n)} for any real value x. */
    public static Tensor repArray(Tensor x, int n) {
        Check.size("rep_array", "n", n);
        return x.reshape(Shape.of(1).append(x.shape())).broadcastTo(Shape.of(n).append(x.shape()));
    }

    /** {@code rep_array(x, m, n)}. */
    public static Tensor repArray(Tensor x, int m, int n) {
        Check.size("rep_array", "m", m);
        Check.size("rep_array", "n", n);
        return x.reshape(Shape.of(1, 1).append(x.shape()))
                .broadcastTo(Shape.of(m, n).append(x.shape()));
    }

    /** {@code rep_array(x, k, m, n)}. */
    public static Tensor repArray(Tensor x, int k, int m, int n) {
        Check.size("rep_array", "k", k);
        Check.size("rep_array", "m", m);
        Check.size("rep_array", "n", n);
        return x.reshape(Shape.of(1, 1, 1).append(x.shape()))
                .broadcastTo(Shape.of(k, m, n).append(x.shape()));
    }

    /** {@code rep_array(i, n)} for an int. */
    public static int[] repArray(int x, int n) {
        Check.size("rep_array", "n", n);
        int[] out = new int[n];
        java.util.Arrays.fill(out, x);
        return out;
    }

    /** {@code rep_array(i, m, n)} for an int (row-major m×n). */
    public static int[] repArray(int x, int m, int n) {
        Check.size("rep_array", "m", m);
        return repArray(x, m * Math.max(n, 0));
    }

    /**
     * {@code append_row(a, b)}: vectors (or reals) stacked into a longer vector, or matrices / row vectors stacked
     * vertically (a row vector counts as a 1×n matrix; pass it reshaped, or use {@link #appendRowMatrix}).
     */
    public static Tensor appendRow(Tensor a, Tensor b) {
        Tensor a1 = a.rank() == 0 ? a.reshape(1) : a, b1 = b.rank() == 0 ? b.reshape(1) : b;
        if (a1.rank() == 1 && b1.rank() == 1) return Tensor.concat(0, a1, b1);
        return appendRowMatrix(a, b);
    }

    /** {@code append_row} of matrices and row vectors (a row vector [n] is one row). */
    public static Tensor appendRowMatrix(Tensor a, Tensor b) {
        Tensor a2 = a.rank() == 1 ? a.reshape(1, a.size()) : a, b2 = b.rank() == 1 ? b.reshape(1, b.size()) : b;
        Check.sameSize("append_row", "columns of A", a2.dim(1), "columns of B", b2.dim(1));
        return Tensor.concat(0, a2, b2);
    }

    /**
     * {@code append_col(a, b)}: row vectors (or reals) joined into a longer row vector; matrices / column vectors
     * side by side (a vector [m] is one column; see {@link #appendColMatrix}).
     */
    public static Tensor appendCol(Tensor a, Tensor b) {
        Tensor a1 = a.rank() == 0 ? a.reshape(1) : a, b1 = b.rank() == 0 ? b.reshape(1) : b;
        if (a1.rank() == 1 && b1.rank() == 1) return Tensor.concat(0, a1, b1);
        return appendColMatrix(a, b);
    }

    /** {@code append_col} of matrices and column vectors (a vector [m] is one column). */
    public static Tensor appendColMatrix(Tensor a, Tensor b) {
        Tensor a2 = a.rank() == 1 ? a.reshape(a.size(), 1) : a, b2 = b.rank() == 1 ? b.reshape(b.size(), 1) : b;
        Check.sameSize("append_col", "rows of A", a2.dim(0), "rows of B", b2.dim(0));
        return Tensor.concat(1, a2, b2);
    }

    /** {@code append_array(a, b)} for real arrays: concatenation along the outer dimension. */
    public static Tensor appendArray(Tensor a, Tensor b) {
        if (!a.shape().dropFirst(1).equals(b.shape().dropFirst(1))) {
            throw new StanDomainException(
                    "append_array: dimension of array elements differ: " + a.shape() + " and " + b.shape());
        }
        return Tensor.concat(0, a, b);
    }

    /** {@code append_array(a, b)} for int arrays. */
    public static int[] appendArray(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code to_vector(x)} for vectors, row vectors and 1-d arrays (the same values), and real arrays of any rank. */
    public static Tensor toVector(Tensor x) {
        return x.reshape(x.size());
    }

    /** {@code to_vector(matrix)}: column-major, as Stan. */
    public static Tensor toVectorMatrix(Tensor m) {
        return m.transpose().reshape(m.size());
    }

    /** {@code to_vector(array[] int)}. */
    public static Tensor toVector(int[] x) {
        return Fused.ofInts(x);
    }

    /** {@code to_row_vector} equals {@link #toVector} in this representation; for a matrix, column-major. */
    public static Tensor toRowVector(Tensor x) {
        return toVector(x);
    }

    /** {@code to_array_1d(x)}: every element, row-major for arrays (Stan: column-major for a matrix). */
    public static Tensor toArray1d(Tensor x) {
        return x.reshape(x.size());
    }

    /** {@code to_array_1d(matrix)}: column-major. */
    public static Tensor toArray1dMatrix(Tensor m) {
        return toVectorMatrix(m);
    }

    /** {@code to_matrix(m)} of a matrix, and of a 2-d real array (row i = array element i). */
    public static Tensor toMatrix(Tensor x) {
        if (x.rank() == 1) return x.reshape(x.size(), 1);
        return x;
    }

    /** {@code to_matrix(row_vector)}: a 1×n matrix. */
    public static Tensor toMatrixRowVector(Tensor x) {
        return x.reshape(1, x.size());
    }

    /** {@code to_matrix(v, m, n)}: a vector, row vector, matrix or 1-d array filled column-major into m×n. */
    public static Tensor toMatrix(Tensor x, int m, int n) {
        if (m * n != x.size()) {
            throw new StanDomainException(
                    "to_matrix: rows * columns (" + m + " * " + n + ") must match size of x (" + x.size() + ")");
        }
        Tensor flat = x.rank() == 2 ? toVectorMatrix(x) : x.reshape(x.size());
        return flat.reshape(n, m).transpose();
    }

    /** {@code to_matrix(a)} for an int array of arrays (row-major m×n data), promoted to reals. */
    public static Tensor toMatrix(int[] a, int m, int n) {
        return toMatrix(Fused.ofInts(a), m, n);
    }

    private static void range(String fn, int start, int len, int size) {
        if (start < 1 || len < 0 || start - 1 + len > size) {
            throw new StanDomainException(fn + ": index " + start + " with length " + len + " is out of range for a"
                    + " container of size " + size);
        }
    }

    /** {@code segment(v, i, n)}: elements i..i+n−1 (1-based) of a vector, row vector or array. */
    public static Tensor segment(Tensor v, int i, int n) {
        range("segment", i, n, v.dim(0));
        return v.slice(i - 1, i - 1 + n);
    }

    /** {@code segment(array[] int, i, n)}. */
    public static int[] segment(int[] v, int i, int n) {
        range("segment", i, n, v.length);
        return java.util.Arrays.copyOfRange(v, i - 1, i - 1 + n);
    }

    /** {@code head(v, n)}: the first n elements. */
    public static Tensor head(Tensor v, int n) {
        range("head", 1, n, v.dim(0));
        return v.slice(0, n);
    }

    /** {@code head(array[] int, n)}. */
    public static int[] head(int[] v, int n) {
        return segment(v, 1, n);
    }

    /** {@code tail(v, n)}: the last n elements. */
    public static Tensor tail(Tensor v, int n) {
        int size = v.dim(0);
        if (n < 0 || n > size) {
            throw new StanDomainException("tail: size " + n + " is out of range for a container of size " + size);
        }
        return v.slice(size - n, size);
    }

    /** {@code tail(array[] int, n)}. */
    public static int[] tail(int[] v, int n) {
        if (n < 0 || n > v.length) {
            throw new StanDomainException("tail: size " + n + " is out of range for a container of size " + v.length);
        }
        return java.util.Arrays.copyOfRange(v, v.length - n, v.length);
    }

    /** {@code col(m, j)}: column j (1-based) as a vector. */
    public static Tensor col(Tensor m, int j) {
        if (j < 1 || j > m.dim(1))
            throw new StanDomainException(
                    "col: index " + j + " out of range; expecting index to be between 1 and " + m.dim(1));
        int[] idx = new int[m.dim(0)];
        java.util.Arrays.fill(idx, j - 1);
        return m.takeLast(idx);
    }

    /** {@code row(m, i)}: row i (1-based) as a row vector. */
    public static Tensor row(Tensor m, int i) {
        if (i < 1 || i > m.dim(0))
            throw new StanDomainException(
                    "row: index " + i + " out of range; expecting index to be between 1 and " + m.dim(0));
        return m.index(i - 1);
    }

    /** {@code sub_col(m, i, j, n)}: n rows of column j starting at row i. */
    public static Tensor subCol(Tensor m, int i, int j, int n) {
        range("sub_col", i, n, m.dim(0));
        if (j < 1 || j > m.dim(1))
            throw new StanDomainException("sub_col: column " + j + " out of range 1.." + m.dim(1));
        int[] idx = new int[n];
        java.util.Arrays.fill(idx, j - 1);
        return m.slice(i - 1, i - 1 + n).takeLast(idx);
    }

    /** {@code sub_row(m, i, j, n)}: n columns of row i starting at column j. */
    public static Tensor subRow(Tensor m, int i, int j, int n) {
        range("sub_row", j, n, m.dim(1));
        return segment(row(m, i), j, n);
    }

    /** {@code block(m, i, j, nrows, ncols)}. */
    public static Tensor block(Tensor m, int i, int j, int nrows, int ncols) {
        range("block", i, nrows, m.dim(0));
        range("block", j, ncols, m.dim(1));
        return m.slice(i - 1, i - 1 + nrows)
                .transpose()
                .slice(j - 1, j - 1 + ncols)
                .transpose();
    }

    /** {@code transpose(m)} (and the postfix {@code '}): a matrix transposed; vectors ↔ row vectors keep their values. */
    public static Tensor transpose(Tensor m) {
        return m.rank() == 2 ? m.transpose() : m;
    }
}
