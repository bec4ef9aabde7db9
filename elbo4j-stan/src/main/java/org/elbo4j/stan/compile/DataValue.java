package org.elbo4j.stan.compile;

/**
 * One variable read from a Stan JSON data file: dimensions (empty for a scalar), values row-major, whether
 * every value is an integer, and where it was in the file (for messages).
 */
public record DataValue(int[] dims, double[] values, boolean allIntegers, String where) {}
