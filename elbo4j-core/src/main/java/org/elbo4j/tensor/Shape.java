package org.elbo4j.tensor;

import java.util.Arrays;

/**
 * An immutable tensor shape: the sizes of each dimension, outermost first (row-major).
 *
 * <p>Rank 0 is a scalar ({@code []}, size 1). Broadcasting follows NumPy: shapes are aligned at their
 * trailing dimensions, and two sizes are compatible when they are equal or one of them is 1.
 */
public final class Shape {
    /** The scalar shape {@code []}. */
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    // Vector shapes up to this size are interned: equality then usually succeeds on identity.
    private static final Shape[] VECTORS = new Shape[1025];

    static {
        for (int i = 0; i < VECTORS.length; i++) VECTORS[i] = new Shape(new int[] {i});
    }

    private Shape(int[] dims) {
        this.dims = dims;
        long s = 1;
        for (int d : dims) s *= d;
        if (s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
        }
        this.size = (int) s;
    }

    /**
     * The shape with the given sizes.
     *
     * @throws IllegalArgumentException if a size is negative
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) return SCALAR;
        if (dims.length == 1 && dims[0] >= 0 && dims[0] < VECTORS.length) return VECTORS[dims[0]];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(dims) + ": dimension " + i + " is negative");
            }
        }
        return new Shape(dims.clone());
    }

    /** The sizes, as a fresh array. Not modified by later calls. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        int j = i < 0 ? dims.length + i : i;
        if (j < 0 || j >= dims.length) {
            throw new IllegalArgumentException("dimension " + i + " out of range for shape " + this);
        }
        return dims[j];
    }

    /** True for rank 0. */
    public boolean isScalar() {
        return dims.length == 0;
    }

    /** The shape without its first {@code n} dimensions. */
    public Shape dropFirst(int n) {
        return n == 0 ? this : of(Arrays.copyOfRange(dims, n, dims.length));
    }

    /** The shape without its last {@code n} dimensions. */
    public Shape dropLast(int n) {
        return n == 0 ? this : of(Arrays.copyOfRange(dims, 0, dims.length - n));
    }

    /** This shape with {@code prefix} prepended: {@code [prefix..., this...]}. */
    public Shape prepend(Shape prefix) {
        if (prefix.dims.length == 0) return this;
        if (dims.length == 0) return prefix;
        int[] d = new int[prefix.dims.length + dims.length];
        System.arraycopy(prefix.dims, 0, d, 0, prefix.dims.length);
        System.arraycopy(dims, 0, d, prefix.dims.length, dims.length);
        return of(d);
    }

    /** This shape followed by {@code suffix}. */
    public Shape append(Shape suffix) {
        return suffix.prepend(this);
    }

    /** Row-major strides (in elements). */
    int[] strides() {
        int[] st = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= dims[i];
        }
        return st;
    }

    int[] raw() {
        return dims;
    }

    /**
     * The NumPy broadcast of two shapes.
     *
     * @param op the operation asking, named in the error
     * @throws IllegalArgumentException if the shapes are not compatible
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a == b || a.equals(b)) return a;
        if (a.dims.length == 0) return b;
        if (b.dims.length == 0) return a;
        int r = Math.max(a.dims.length, b.dims.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.dims.length ? 1 : a.dims[i - (r - a.dims.length)];
            int db = i < r - b.dims.length ? 1 : b.dims[i - (r - b.dims.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        op + ": shapes " + a + " and " + b + " cannot be broadcast together (dimension " + i
                                + " of the aligned shapes: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /** True when {@code this} broadcasts to {@code target} (NumPy rules). */
    public boolean broadcastsTo(Shape target) {
        if (dims.length > target.dims.length) return false;
        int off = target.dims.length - dims.length;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        return o instanceof Shape s && s.size == size && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Like {@code [2, 3]}; the scalar shape prints as {@code []}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
