package org.elbo4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;

/**
 * Sums one vector per partition, keeping each partition's vector apart until the driver adds them in partition order:
 * {@link #sum(RDD, PartitionFunction, int, int)} in one {@code runJob} (SparkSvi), {@link #sum(JavaRDD, int)} with
 * {@code treeAggregate} (SparkLda). Spark combines partial results in the order tasks finish, and floating-point
 * addition is not associative, so summing inside the combine would make the bits depend on timing (and on
 * retries); the partition-ordered sum is the same whatever the schedule. The cost is P vectors on the driver
 * instead of one, the same volume a plain {@code collect} moves.
 */
final class PartitionSums {
    private PartitionSums() {}

    /**
     * The treeAggregate's functions as named classes, not lambdas: Spark's closure cleaner parses the bytecode of a
     * lambda's defining class with ASM on every job (milliseconds of driver CPU per step), a plain class it ships as
     * it is.
     */
    private static final class Add
            implements org.apache.spark.api.java.function.Function2<
                    TreeMap<Integer, double[]>, Part, TreeMap<Integer, double[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public TreeMap<Integer, double[]> call(TreeMap<Integer, double[]> m, Part part) {
            m.put(part.partition(), part.values());
            return m;
        }
    }

    private static final class Merge
            implements org.apache.spark.api.java.function.Function2<
                    TreeMap<Integer, double[]>, TreeMap<Integer, double[]>, TreeMap<Integer, double[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public TreeMap<Integer, double[]> call(TreeMap<Integer, double[]> a, TreeMap<Integer, double[]> b) {
            a.putAll(b);
            return a;
        }
    }

    /**
     * What a task computes in a {@link #sum(RDD, PartitionFunction, int, int)} job: one vector per element of its
     * iterator, each element standing for one partition of the data (a task may read several partitions when the
     * job runs on a coalesced view of them). A plain serializable class, never a lambda: Spark's closure cleaner
     * reads the class file of a lambda's defining class from its jar and walks it with ASM on every job, while an
     * ordinary class it ships as it is.
     *
     * @param <T> the RDD's element type, one element per partition of the data
     */
    abstract static class PartitionFunction<T>
            extends scala.runtime.AbstractFunction2<TaskContext, scala.collection.Iterator<T>, Part[]>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The index of the data partition an element stands for. */
        abstract int partitionOf(T element);

        /** The vector of the element's partition. */
        abstract double[] call(T element);

        @Override
        public final Part[] apply(TaskContext context, scala.collection.Iterator<T> elements) {
            List<Part> out = new ArrayList<>(1);
            while (elements.hasNext()) {
                T e = elements.next();
                out.add(new Part(partitionOf(e), call(e)));
            }
            return out.toArray(new Part[0]);
        }
    }

    /**
     * Σ over the data's partitions, in partition order, of {@code f}'s vectors (length {@code length}): one Spark job
     * of one stage on {@code rdd} ({@code SparkContext.runJob}), each task returning its partitions' vectors to the
     * driver. Unlike {@code mapPartitionsWithIndex} followed by {@code treeAggregate} (two new RDDs and five Scala
     * closures per call, each cleaned by reading and parsing {@code RDD}'s or {@code JavaRDDLike}'s class file), it
     * adds nothing to the lineage and cleans no closure. The order of the additions depends only on the partition
     * indices, not on how the partitions are grouped into tasks nor on the order in which tasks finish.
     *
     * @param partitions the number of data partitions (the indices {@code f} reports are below it)
     * @throws IllegalStateException if a partition is reported twice
     */
    static <T> double[] sum(RDD<T> rdd, PartitionFunction<T> f, int partitions, int length) {
        Object results = rdd.context().runJob(rdd, f, scala.reflect.ClassTag$.MODULE$.apply(Part[].class));
        double[][] byPartition = new double[partitions][];
        for (Part[] task : (Part[][]) results) {
            for (Part part : task) {
                if (byPartition[part.partition()] != null)
                    throw new IllegalStateException("partition " + part.partition() + " was computed twice");
                byPartition[part.partition()] = part.values();
            }
        }
        double[] s = new double[length];
        for (double[] v : byPartition) if (v != null) for (int i = 0; i < length; i++) s[i] += v[i];
        return s;
    }

    /** A partition's index and its vector. */
    record Part(int partition, double[] values) implements Serializable {}

    /** Σ over partitions, in partition order; {@code length} zeros when there are none. A tree of depth 2. */
    static double[] sum(JavaRDD<Part> parts, int length) {
        return sum(parts, length, 2);
    }

    /**
     * Σ over partitions, in partition order, with a {@code treeAggregate} of the given depth. Depth 1 is a single
     * stage (each task's vector goes straight to the driver); a deeper tree adds a shuffle stage per call once
     * there are more than a handful of partitions, and, since the vectors are kept apart anyway, it does not reduce
     * what reaches the driver: it only pays off when the driver's link, not the job's scheduling, is the bottleneck.
     */
    static double[] sum(JavaRDD<Part> parts, int length, int depth) {
        TreeMap<Integer, double[]> all =
                parts.treeAggregate(new TreeMap<Integer, double[]>(), new Add(), new Merge(), depth);
        double[] s = new double[length];
        for (Map.Entry<Integer, double[]> e : all.entrySet()) {
            double[] v = e.getValue();
            for (int i = 0; i < length; i++) s[i] += v[i];
        }
        return s;
    }
}
