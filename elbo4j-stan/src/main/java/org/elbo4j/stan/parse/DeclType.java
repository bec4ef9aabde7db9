package org.elbo4j.stan.parse;

import java.util.List;

/**
 * A sized variable type as declared: {@code array[N, M] vector<lower=0>[K]}, {@code cov_matrix[K]},
 * {@code matrix<offset=m, multiplier=s>[R, C]}.
 */
public final class DeclType {
    /** The declared kind; the constrained kinds (simplex ...) carry their own sizes. */
    public enum Kind {
        INT("int"),
        REAL("real"),
        COMPLEX("complex"),
        VECTOR("vector"),
        ROW_VECTOR("row_vector"),
        MATRIX("matrix"),
        SIMPLEX("simplex"),
        UNIT_VECTOR("unit_vector"),
        ORDERED("ordered"),
        POSITIVE_ORDERED("positive_ordered"),
        CHOLESKY_FACTOR_CORR("cholesky_factor_corr"),
        CHOLESKY_FACTOR_COV("cholesky_factor_cov"),
        CORR_MATRIX("corr_matrix"),
        COV_MATRIX("cov_matrix");

        /** Stan's spelling. */
        public final String stan;

        Kind(String stan) {
            this.stan = stan;
        }

        /** The kind spelled {@code word}, or null. */
        public static Kind of(String word) {
            for (Kind k : values()) if (k.stan.equals(word)) return k;
            return null;
        }

        /** The unsized base type of a value of this kind. */
        public UnsizedType.Base base() {
            return switch (this) {
                case INT -> UnsizedType.Base.INT;
                case REAL -> UnsizedType.Base.REAL;
                case COMPLEX -> UnsizedType.Base.COMPLEX;
                case VECTOR, SIMPLEX, UNIT_VECTOR, ORDERED, POSITIVE_ORDERED -> UnsizedType.Base.VECTOR;
                case ROW_VECTOR -> UnsizedType.Base.ROW_VECTOR;
                default -> UnsizedType.Base.MATRIX;
            };
        }
    }

    public final Pos pos;
    public final Kind kind;
    /** Sizes of the element ({@code [K]}, {@code [R, C]}; cholesky_factor_cov may have one or two). */
    public final List<Expr> sizes;
    /** Array sizes, outermost first; empty for a non-array. */
    public final List<Expr> arrayDims;
    /** Bounds, offset and multiplier, or null when absent. */
    public final Expr lower, upper, offset, multiplier;

    public DeclType(
            Pos pos,
            Kind kind,
            List<Expr> sizes,
            List<Expr> arrayDims,
            Expr lower,
            Expr upper,
            Expr offset,
            Expr multiplier) {
        this.pos = pos;
        this.kind = kind;
        this.sizes = sizes;
        this.arrayDims = arrayDims;
        this.lower = lower;
        this.upper = upper;
        this.offset = offset;
        this.multiplier = multiplier;
    }

    /** The unsized type. */
    public UnsizedType unsized() {
        return new UnsizedType(kind.base(), arrayDims.size());
    }

    /** True when the declaration has any constraint (bounds, offset/multiplier or a constrained kind). */
    public boolean constrained() {
        return lower != null
                || upper != null
                || offset != null
                || multiplier != null
                || !(kind == Kind.INT
                        || kind == Kind.REAL
                        || kind == Kind.VECTOR
                        || kind == Kind.ROW_VECTOR
                        || kind == Kind.MATRIX);
    }
}
