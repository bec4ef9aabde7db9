package org.elbo4j.spark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What a phase of a benchmark run costs in this JVM (the driver; in local mode also the executors): wall and process
 * CPU time, the load average, the heap (largest used and committed, sampled every 100 ms; largest after a garbage
 * collection; live at the end after a full collection) and, from a {@link SparkListener}, the Spark jobs, stages and
 * tasks with the tasks' own run and CPU time, so that the scheduling overhead per step is the wall time per step
 * minus the tasks' time. Used by {@link LogisticDemo}; not part of the library's API.
 */
final class RunMeter implements AutoCloseable {
    private final long wall0 = System.nanoTime(), cpu0 = cpu();
    private final double load0 = load();
    private final AtomicLong maxUsed = new AtomicLong(), maxCommitted = new AtomicLong(), maxAfterGc = new AtomicLong();
    private final AtomicLong jobs = new AtomicLong(), stages = new AtomicLong(), tasks = new AtomicLong();
    private final AtomicLong taskRunMs = new AtomicLong(), taskCpuNs = new AtomicLong();
    private final Thread sampler;
    private final java.util.Map<Long, Long> threadCpu0 = threadCpu();
    private final List<Runnable> undo = new ArrayList<>();
    private volatile boolean running = true;

    RunMeter(SparkContext sc) {
        sampler = new Thread(
                () -> {
                    while (running) {
                        sampleHeap();
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "elbo4j-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        NotificationListener gc = (n, h) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long after = 0;
            for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) after += u.getUsed();
            maxAfterGc.accumulateAndGet(after, Math::max);
        };
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (b instanceof NotificationEmitter e) {
                e.addNotificationListener(gc, null, null);
                undo.add(() -> {
                    try {
                        e.removeNotificationListener(gc);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
        SparkListener l = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart e) {
                jobs.incrementAndGet();
            }

            @Override
            public void onStageCompleted(SparkListenerStageCompleted e) {
                stages.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                tasks.incrementAndGet();
                if (e.taskMetrics() != null) {
                    taskRunMs.addAndGet(e.taskMetrics().executorRunTime());
                    taskCpuNs.addAndGet(e.taskMetrics().executorCpuTime());
                }
            }
        };
        sc.addSparkListener(l);
        undo.add(() -> sc.removeSparkListener(l));
    }

    private void sampleHeap() {
        MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        maxUsed.accumulateAndGet(h.getUsed(), Math::max);
        maxCommitted.accumulateAndGet(h.getCommitted(), Math::max);
    }

    /** CPU time of every live thread, by id. */
    private static java.util.Map<Long, Long> threadCpu() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> m = new java.util.HashMap<>();
        for (long id : t.getAllThreadIds()) {
            long c = t.getThreadCpuTime(id);
            if (c >= 0) m.put(id, c);
        }
        return m;
    }

    /**
     * The phase's CPU time by kind of thread (digits in thread names dropped), largest first; "other" is the process's
     * CPU time not seen in a live Java thread: the JIT compilers, the garbage collector and threads that ended.
     */
    String threadBreakdown() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        long seen = 0;
        for (java.lang.management.ThreadInfo info : t.getThreadInfo(t.getAllThreadIds())) {
            if (info == null) continue;
            long c = t.getThreadCpuTime(info.getThreadId());
            if (c < 0) continue;
            long d = c - threadCpu0.getOrDefault(info.getThreadId(), 0L);
            seen += d;
            by.merge(info.getThreadName().replaceAll("[0-9]+", "#"), d, Long::sum);
        }
        by.put("other (JIT, GC, ended threads)", cpu() - cpu0 - seen);
        StringBuilder sb = new StringBuilder();
        by.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .filter(e -> e.getValue() >= 50_000_000L)
                .forEach(e -> sb.append(String.format(
                        java.util.Locale.ROOT,
                        "%s%s %.1f s",
                        sb.length() == 0 ? "" : ", ",
                        e.getKey(),
                        e.getValue() / 1e9)));
        return sb.toString();
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The figures of the phase so far, as {@code key=value} pairs; {@code liveAtEnd} runs a full collection. */
    String summary(String prefix, boolean liveAtEnd) {
        double wall = (System.nanoTime() - wall0) / 1e9, cpu = (cpu() - cpu0) / 1e9;
        sampleHeap();
        try {
            Thread.sleep(500); // the listener bus is asynchronous: let the last task events arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long live = -1;
        if (liveAtEnd) {
            System.gc();
            live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return String.format(
                java.util.Locale.ROOT,
                "%swall_s=%.2f %scpu_s=%.2f %sload=%.1f-%.1f %sheap_used_max_mb=%.0f %sheap_committed_max_mb=%.0f"
                        + " %sheap_after_gc_max_mb=%.0f %sheap_live_end_mb=%.0f %sjobs=%d %sstages=%d %stasks=%d"
                        + " %stask_run_s=%.2f %stask_cpu_s=%.2f",
                prefix,
                wall,
                prefix,
                cpu,
                prefix,
                load0,
                load(),
                prefix,
                maxUsed.get() / 1e6,
                prefix,
                maxCommitted.get() / 1e6,
                prefix,
                maxAfterGc.get() / 1e6,
                prefix,
                live / 1e6,
                prefix,
                jobs.get(),
                prefix,
                stages.get(),
                prefix,
                tasks.get(),
                prefix,
                taskRunMs.get() / 1e3,
                prefix,
                taskCpuNs.get() / 1e9);
    }

    long jobs() {
        return jobs.get();
    }

    double taskRunSeconds() {
        return taskRunMs.get() / 1e3;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (Runnable r : undo) r.run();
    }
}
