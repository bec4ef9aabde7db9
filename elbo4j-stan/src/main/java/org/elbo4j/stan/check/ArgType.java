package org.elbo4j.stan.check;

import org.elbo4j.stan.parse.UnsizedType;

/**
 * The type of one argument in a library signature: a plain Stan type or one of the Functions Reference's
 * vectorisation pseudo-types ({@code reals}, {@code ints}, {@code vectors}, {@code row_vectors}).
 *
 * @param pseudo null for a plain type, else "reals", "ints", "vectors" or "row_vectors"
 * @param type   the plain type (null for a pseudo-type)
 */
public record ArgType(String pseudo, UnsizedType type) {

    /** Parses {@code int}, {@code array[,] real}, {@code reals}, {@code data vector} ... or returns null. */
    public static ArgType parse(String s) {
        s = s.trim();
        if (s.startsWith("data ")) s = s.substring(5).trim();
        switch (s) {
            case "reals", "ints", "vectors", "row_vectors" -> {
                return new ArgType(s, null);
            }
            // a function argument and variadic arguments (the ODE solvers, which the checker types itself)
            case "function", "..." -> {
                return new ArgType(s, null);
            }
            default -> {}
        }
        UnsizedType t = parseType(s);
        return t == null ? null : new ArgType(null, t);
    }

    /** Parses a plain type, or null. */
    public static UnsizedType parseType(String s) {
        s = s.trim();
        int dims = 0;
        if (s.startsWith("array[")) {
            int close = s.indexOf(']');
            if (close < 0) return null;
            dims = 1 + (int) s.substring(6, close).chars().filter(c -> c == ',').count();
            s = s.substring(close + 1).trim();
        }
        UnsizedType.Base b = switch (s) {
            case "int" -> UnsizedType.Base.INT;
            case "real" -> UnsizedType.Base.REAL;
            case "vector" -> UnsizedType.Base.VECTOR;
            case "row_vector" -> UnsizedType.Base.ROW_VECTOR;
            case "matrix" -> UnsizedType.Base.MATRIX;
            case "void" -> UnsizedType.Base.VOID;
            default -> null;
        };
        return b == null ? null : new UnsizedType(b, dims);
    }

    /**
     * The cost of passing a value of type {@code actual}: 0 exact, 1 per int-to-real promotion, -1 when it does
     * not fit.
     */
    public int cost(UnsizedType actual) {
        if (pseudo == null) return promotionCost(actual, type);
        switch (pseudo) {
            case "reals":
                if (actual.isScalar()) return actual.isInt() ? 1 : 0;
                if (actual.arrayDims() == 0
                        && (actual.base() == UnsizedType.Base.VECTOR || actual.base() == UnsizedType.Base.ROW_VECTOR))
                    return 0;
                if (actual.arrayDims() == 1 && actual.base() == UnsizedType.Base.REAL) return 0;
                if (actual.arrayDims() == 1 && actual.base() == UnsizedType.Base.INT) return 1;
                return -1;
            case "ints":
                return actual.base() == UnsizedType.Base.INT && actual.arrayDims() <= 1 ? 0 : -1;
            case "vectors":
                return (actual.base() == UnsizedType.Base.VECTOR || actual.base() == UnsizedType.Base.ROW_VECTOR)
                                && actual.arrayDims() <= 1
                        ? 0
                        : -1;
            case "row_vectors":
                return actual.base() == UnsizedType.Base.ROW_VECTOR && actual.arrayDims() <= 1 ? 0 : -1;
            default:
                return -1;
        }
    }

    /** 0 when equal, 1 when an int-based value promotes to the real-based {@code to}, else -1. */
    public static int promotionCost(UnsizedType from, UnsizedType to) {
        if (from.equals(to)) return 0;
        if (from.arrayDims() == to.arrayDims()
                && from.base() == UnsizedType.Base.INT
                && to.base() == UnsizedType.Base.REAL) return 1;
        return -1;
    }

    @Override
    public String toString() {
        return pseudo != null ? pseudo : type.toString();
    }
}
