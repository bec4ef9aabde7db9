package org.elbo4j.cli.io;

import java.util.Arrays;

/**
 * One named data variable: a scalar, vector, matrix or higher-rank array of numbers, stored
 * row-major (the last index varies fastest, as in Stan JSON's nested arrays and in C).
 *
 * <p>A scalar has {@code dims = []} and one value; a vector of length n has {@code dims = [n]}; a
 * matrix with r rows and c columns has {@code dims = [r, c]} and value (i, j) at {@code i*c + j}.
 * {@code integer} is true when every element was written as an integer (a JSON number without
 * fraction or exponent), so the variable can be used where Stan declares {@code int}.
 * Values may be NaN or ±∞ (Stan JSON allows them); use {@link #firstNonFinite()} to check.
 *
 * <p>The arrays are copied in and out, so a {@code DataValue} is immutable.
 *
 * @param name the variable name
 * @param dims the size of each dimension; empty for a scalar
 * @param values the elements, row-major; length = product of dims
 * @param integer whether every element is an integer
 */
public record DataValue(String name, int[] dims, double[] values, boolean integer) {

    /**
     * @throws IllegalArgumentException if name is blank, a dimension is negative, or the number of
     *     values is not the product of the dimensions
     */
    public DataValue {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("DataValue name must not be blank: '" + name + "'");
        }
        dims = dims.clone();
        values = values.clone();
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "variable '" + name + "': negative dimension in " + Arrays.toString(dims));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("variable '" + name + "': dims " + Arrays.toString(dims) + " hold "
                    + size + " values but " + values.length + " were given");
        }
    }

    /** @return a copy of the dimensions; empty for a scalar */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** @return a copy of the values, row-major */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return the number of dimensions: 0 scalar, 1 vector, 2 matrix */
    public int rank() {
        return dims.length;
    }

    /** @return the number of elements (product of dims; 1 for a scalar) */
    public int size() {
        return values.length;
    }

    /**
     * The element at a row-major flat index.
     *
     * @param flatIndex 0 ≤ flatIndex &lt; size()
     * @return the value
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public double at(int flatIndex) {
        return values[flatIndex];
    }

    /**
     * The index of the first NaN or infinite element, row-major, or -1 if all are finite.
     *
     * @return a flat index or -1
     */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Stan-style subscript of a flat index, 1-based, e.g. {@code [2,3]} for a matrix; empty for
     * a scalar. Used in error messages.
     *
     * @param flatIndex a row-major index
     * @return e.g. {@code "[2,3]"}
     */
    public String subscript(int flatIndex) {
        if (dims.length == 0) {
            return "";
        }
        int[] idx = new int[dims.length];
        int rest = flatIndex;
        for (int k = dims.length - 1; k >= 0; k--) {
            idx[k] = rest % dims[k];
            rest /= dims[k];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < idx.length; k++) {
            sb.append(k == 0 ? "" : ",").append(idx[k] + 1);
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataValue v
                && name.equals(v.name)
                && integer == v.integer
                && Arrays.equals(dims, v.dims)
                && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(dims)) + Arrays.hashCode(values) + (integer ? 1 : 0);
    }

    @Override
    public String toString() {
        return "DataValue[" + name + (integer ? " int" : " real") + Arrays.toString(dims)
                + (values.length <= 8 ? " " + Arrays.toString(values) : " (" + values.length + " values)")
                + "]";
    }
}
