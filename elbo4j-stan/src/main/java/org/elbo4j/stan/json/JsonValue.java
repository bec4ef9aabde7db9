package org.elbo4j.stan.json;

import java.util.Arrays;

/**
 * One variable of a Stan JSON data file, raw: its dimensions, its values flattened row-major, and whether every
 * value was written as an integer literal (no decimal point, no exponent, within Java's int range), which an
 * {@code int} declaration requires. Where it was written ({@code line}, {@code column}, 1-based, of its name;
 * 0 when unknown) lets the front end name the place of a type or constraint error.
 *
 * @param dims        the dimensions; empty for a scalar, {@code [0]} for {@code []}, {@code [2, 0]} for
 *                    {@code [[], []]}
 * @param values      the values, row-major; {@code "inf"}, {@code "-inf"}, {@code "NaN"} and friends as the doubles
 * @param allIntegers true when every value was written as an integer literal (vacuously true for no values)
 * @param line        the line of the variable's name in the file, 1-based (0: unknown)
 * @param column      the column of the variable's name, 1-based (0: unknown)
 */
public record JsonValue(int[] dims, double[] values, boolean allIntegers, int line, int column) {

    /** A value with no position. */
    public JsonValue(int[] dims, double[] values, boolean allIntegers) {
        this(dims, values, allIntegers, 0, 0);
    }

    /** True for a scalar (no dimensions). */
    public boolean isScalar() {
        return dims.length == 0;
    }

    /** The number of values (the product of the dimensions). */
    public int size() {
        return values.length;
    }

    /**
     * The values as Java ints.
     *
     * @throws IllegalStateException if some value was not written as an integer
     */
    public int[] intValues() {
        if (!allIntegers) throw new IllegalStateException("not every value was written as an integer");
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) values[i];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonValue v
                && Arrays.equals(dims, v.dims)
                && Arrays.equals(values, v.values)
                && allIntegers == v.allIntegers;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(dims) + Arrays.hashCode(values)) + Boolean.hashCode(allIntegers);
    }

    @Override
    public String toString() {
        return "JsonValue[dims=" + Arrays.toString(dims) + ", values="
                + (values.length > 20
                        ? Arrays.toString(Arrays.copyOf(values, 20)) + "... (" + values.length + ")"
                        : Arrays.toString(values))
                + ", allIntegers=" + allIntegers + "]";
    }
}
