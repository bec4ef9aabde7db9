package org.elbo4j.spark;

/**
 * What {@link SparkRows} does with a row that has a missing value, NaN or ±∞, the wrong number of values, or a
 * value that is not a number.
 */
public enum BadRows {
    /** Fail with one {@link IllegalArgumentException} naming the first bad row (0-based, in the data's order) and
     * its column. Nothing is fitted. The default. */
    FAIL,
    /** Drop the bad rows, count them ({@link SparkRows#skipped()}) and keep the first reason
     * ({@link SparkRows#firstSkipped()}); N is then the number of good rows. */
    SKIP
}
