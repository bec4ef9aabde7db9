package org.elbo4j.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;

/**
 * Sums one vector per partition with {@code treeAggregate}, keeping each partition's vector apart until the driver
 * adds them in partition order. Spark combines partial results in the order tasks finish, and floating-point
 * addition is not associative, so summing inside the combine would make the bits depend on timing (and on
 * retries); the partition-ordered sum is the same whatever the schedule. The cost is P vectors on the driver
 * instead of one, the same volume a plain {@code collect} moves.
 */
final class PartitionSums {
    private PartitionSums() {}

    /** A partition's index and its vector. */
    record Part(int partition, double[] values) implements Serializable {}

    /** Σ over partitions, in partition order; {@code length} zeros when there are none. */
    static double[] sum(JavaRDD<Part> parts, int length) {
        TreeMap<Integer, double[]> all = parts.treeAggregate(
                new TreeMap<Integer, double[]>(),
                (m, part) -> {
                    m.put(part.partition(), part.values());
                    return m;
                },
                (a, b) -> {
                    a.putAll(b);
                    return a;
                },
                2);
        double[] s = new double[length];
        for (Map.Entry<Integer, double[]> e : all.entrySet()) {
            double[] v = e.getValue();
            for (int i = 0; i < length; i++) s[i] += v[i];
        }
        return s;
    }
}
