package org.elbo4j.stan.transforms;

/**
 * The kinds of Stan constrained declarations, with the size of their unconstrained representation.
 *
 * <p>{@code typeDims} are the type's own sizes: none for {@code real}; {@code [K]} for vectors, simplexes, unit
 * vectors, ordered and positive_ordered, cholesky_factor_corr, corr_matrix and cov_matrix; {@code [R, C]} for
 * matrices and cholesky_factor_cov (with {@code cholesky_factor_cov[M]} written {@code [M, M]}). An array of
 * them multiplies the size by the product of the array dimensions, each element's values contiguous.
 */
public enum StanConstraint {
    /** No constraint (real, vector, row_vector, matrix). */
    NONE,
    /** {@code <lower=...>}. */
    LOWER,
    /** {@code <upper=...>}. */
    UPPER,
    /** {@code <lower=..., upper=...>}. */
    LOWER_UPPER,
    /** {@code <offset=..., multiplier=...>}. */
    OFFSET_MULTIPLIER,
    /** {@code simplex[K]}: K − 1 free values. */
    SIMPLEX,
    /** {@code unit_vector[K]}: K. */
    UNIT_VECTOR,
    /** {@code ordered[K]}: K. */
    ORDERED,
    /** {@code positive_ordered[K]}: K. */
    POSITIVE_ORDERED,
    /** {@code cholesky_factor_corr[K]}: K(K − 1)/2. */
    CHOLESKY_FACTOR_CORR,
    /** {@code cholesky_factor_cov[M, N]}: N(N + 1)/2 + (M − N)·N. */
    CHOLESKY_FACTOR_COV,
    /** {@code corr_matrix[K]}: K(K − 1)/2. */
    CORR_MATRIX,
    /** {@code cov_matrix[K]}: K + K(K − 1)/2. */
    COV_MATRIX;

    /**
     * The number of unconstrained values of a declaration of this kind.
     *
     * @param arrayDims the array dimensions (empty for none)
     * @param typeDims  the type's own sizes (see the class comment)
     * @throws IllegalArgumentException if a size is negative or typeDims has the wrong length for the kind
     */
    public int unconstrainedSize(int[] arrayDims, int... typeDims) {
        long n = 1;
        for (int d : arrayDims) {
            if (d < 0) throw new IllegalArgumentException(name() + ": negative array size " + d);
            n *= d;
        }
        for (int d : typeDims) if (d < 0) throw new IllegalArgumentException(name() + ": negative size " + d);
        long per;
        switch (this) {
            case NONE, LOWER, UPPER, LOWER_UPPER, OFFSET_MULTIPLIER -> {
                per = 1;
                for (int d : typeDims) per *= d;
            }
            case SIMPLEX -> per = Math.max(0, one(typeDims) - 1);
            case UNIT_VECTOR, ORDERED, POSITIVE_ORDERED -> per = one(typeDims);
            case CHOLESKY_FACTOR_CORR, CORR_MATRIX -> {
                long k = one(typeDims);
                per = k * (k - 1) / 2;
            }
            case COV_MATRIX -> {
                long k = one(typeDims);
                per = k + k * (k - 1) / 2;
            }
            case CHOLESKY_FACTOR_COV -> {
                if (typeDims.length != 2)
                    throw new IllegalArgumentException(name() + ": needs [M, N], got " + typeDims.length + " sizes");
                long m = typeDims[0], c = typeDims[1];
                if (m < c) throw new IllegalArgumentException(name() + ": needs M >= N, got M = " + m + ", N = " + c);
                per = c * (c + 1) / 2 + (m - c) * c;
            }
            default -> throw new AssertionError(this);
        }
        long total = n * per;
        if (total > Integer.MAX_VALUE)
            throw new IllegalArgumentException(name() + ": " + total + " unconstrained values is too many");
        return (int) total;
    }

    private int one(int[] typeDims) {
        if (typeDims.length != 1)
            throw new IllegalArgumentException(name() + ": needs one size [K], got " + typeDims.length);
        return typeDims[0];
    }
}
