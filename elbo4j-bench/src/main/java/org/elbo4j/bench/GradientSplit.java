package org.elbo4j.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;
import org.elbo4j.tensor.Tape;
import org.elbo4j.tensor.Tensor;

/**
 * Where the time of one Stan log density + gradient goes: the forward pass ({@code StanModel.logDensity} on a
 * tape) and the backward pass ({@code Tape.backward}), in CPU time of the timing thread, and the CPU time of the
 * whole process per gradient (GC and JIT threads included, which the timing thread's figure leaves out). At a
 * point drawn uniform(−2, 2) with seed 1; a warm-up of 2 s of thread CPU time, then 6 rounds of at least 0.5 s;
 * the medians over rounds. One tab-separated line per posterior, with the load average.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx2g -cp elbo4j-bench/target/benchmarks.jar \
 *     org.elbo4j.bench.GradientSplit [--corpus ../shared/data/posteriordb-all] NAME...
 * </pre>
 */
public final class GradientSplit {
    private GradientSplit() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of("../shared/data/posteriordb-all");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int a = 0; a < args.length; a++) {
            if (args[a].equals("--corpus")) {
                corpus = Path.of(args[++a]);
                continue;
            }
            String name = args[a];
            Path d = corpus.resolve(name);
            StanModel m = StanProgram.parse(Files.readString(d.resolve("model.stan")), "model.stan")
                    .instantiate(StanData.parse(Files.readString(d.resolve("data.json")), "data.json"));
            double[] u = new double[m.unconstrainedSize()];
            Random r = new Random(1);
            for (int i = 0; i < u.length; i++) u[i] = r.nextDouble() * 4 - 2;
            Tensor u0 = Tensor.of(u);
            double sink = 0;
            int rounds = 6;
            double[] fws = new double[rounds], bws = new double[rounds], pcs = new double[rounds];
            for (int round = -1; round < rounds; round++) {
                long budget = round < 0 ? 2_000_000_000L : 500_000_000L;
                long fw = 0, bw = 0;
                int reps = 0;
                long p0 = os.getProcessCpuTime(), s0 = mx.getCurrentThreadCpuTime();
                while (mx.getCurrentThreadCpuTime() - s0 < budget) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    Tape tape = new Tape();
                    Tensor x = tape.leaf(u0);
                    Tensor y = m.logDensity(x);
                    long t1 = mx.getCurrentThreadCpuTime();
                    sink += tape.backward(y, new double[] {1}).of(x)[0];
                    long t2 = mx.getCurrentThreadCpuTime();
                    fw += t1 - t0;
                    bw += t2 - t1;
                    reps++;
                }
                long p1 = os.getProcessCpuTime();
                if (round >= 0) {
                    fws[round] = fw / 1e3 / reps;
                    bws[round] = bw / 1e3 / reps;
                    pcs[round] = (p1 - p0) / 1e3 / reps;
                }
            }
            double f = median(fws), b = median(bws);
            System.out.printf(
                    Locale.ROOT,
                    "%s\tforward_us %.1f\tbackward_us %.1f\tthread_us %.1f\tprocess_us %.1f\tload %s\t(%s)%n",
                    name,
                    f,
                    b,
                    f + b,
                    median(pcs),
                    Files.readString(Path.of("/proc/loadavg")).strip(),
                    sink == 42 ? "" : "ok");
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
