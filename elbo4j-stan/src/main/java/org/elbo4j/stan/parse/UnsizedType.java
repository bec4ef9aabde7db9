package org.elbo4j.stan.parse;

/**
 * A Stan type without sizes, as the type checker sees it: a base type and a number of array dimensions
 * ({@code array[,] vector} is {@code (VECTOR, 2)}).
 *
 * @param base      the element type
 * @param arrayDims number of array dimensions, 0 for a non-array
 */
public record UnsizedType(Base base, int arrayDims) {
    /** Element types. */
    public enum Base {
        INT("int", 0),
        REAL("real", 0),
        COMPLEX("complex", 0),
        VECTOR("vector", 1),
        ROW_VECTOR("row_vector", 1),
        MATRIX("matrix", 2),
        VOID("void", 0);

        /** Stan's spelling. */
        public final String stan;
        /** Tensor rank of one element (vector 1, matrix 2). */
        public final int rank;

        Base(String stan, int rank) {
            this.stan = stan;
            this.rank = rank;
        }
    }

    public static final UnsizedType INT = new UnsizedType(Base.INT, 0);
    public static final UnsizedType REAL = new UnsizedType(Base.REAL, 0);
    public static final UnsizedType VECTOR = new UnsizedType(Base.VECTOR, 0);
    public static final UnsizedType ROW_VECTOR = new UnsizedType(Base.ROW_VECTOR, 0);
    public static final UnsizedType MATRIX = new UnsizedType(Base.MATRIX, 0);
    public static final UnsizedType VOID = new UnsizedType(Base.VOID, 0);

    /** This type with {@code n} more array dimensions. */
    public UnsizedType arrayOf(int n) {
        return new UnsizedType(base, arrayDims + n);
    }

    /** The type of one element after removing {@code n} array dimensions. */
    public UnsizedType element(int n) {
        return new UnsizedType(base, arrayDims - n);
    }

    /** True for int and arrays of int. */
    public boolean isIntBased() {
        return base == Base.INT;
    }

    /** True for a scalar int. */
    public boolean isInt() {
        return base == Base.INT && arrayDims == 0;
    }

    /** True for a scalar real. */
    public boolean isReal() {
        return base == Base.REAL && arrayDims == 0;
    }

    /** True for a scalar int or real. */
    public boolean isScalar() {
        return (base == Base.INT || base == Base.REAL) && arrayDims == 0;
    }

    /** Tensor rank of a value of this type (array dims + element rank). */
    public int tensorRank() {
        return arrayDims + base.rank;
    }

    @Override
    public String toString() {
        if (arrayDims == 0) return base.stan;
        return "array[" + ",".repeat(arrayDims - 1) + "] " + base.stan;
    }
}
