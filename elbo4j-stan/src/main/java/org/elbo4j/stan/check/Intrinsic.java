package org.elbo4j.stan.check;

/**
 * Functions whose types are generic over every container (sizes, {@code rep_array}) or that read the log
 * density accumulator ({@code target()}): typed by the checker and implemented by the compiler directly.
 */
public enum Intrinsic {
    TARGET,
    SIZE,
    NUM_ELEMENTS,
    ROWS,
    COLS,
    DIMS,
    REP_ARRAY,
    IS_INF,
    IS_NAN;

    /** The intrinsic of this Stan name, or null. */
    public static Intrinsic of(String name) {
        return switch (name) {
            case "target", "get_lp" -> TARGET;
            case "size" -> SIZE;
            case "num_elements" -> NUM_ELEMENTS;
            case "rows" -> ROWS;
            case "cols" -> COLS;
            case "dims" -> DIMS;
            case "rep_array" -> REP_ARRAY;
            default -> null;
        };
    }
}
