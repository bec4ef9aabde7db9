import java.lang.management.*;
import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.*;
import java.util.*;
/** Runs Steps from two class directories in one JVM, interleaved; reports thread CPU time per step (load-independent-ish). */
public class Interleave {
    public static void main(String[] a) throws Exception {
        String est = a[0]; long steps = Long.parseLong(a[1]); int rounds = Integer.parseInt(a[2]);
        String[] dirs = {a[3], a[4]};
        String[] extra = System.getProperty("extra.cp").split(":");
        Method[] run = new Method[2];
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(System.getProperty("steps.dir")).toUri().toURL());
            urls.add(Path.of(dirs[v]).toUri().toURL());
            for (String e : extra) urls.add(Path.of(e).toUri().toURL());
            URLClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            run[v] = cl.loadClass("Steps").getMethod("run", String.class, long.class, long.class);
        }
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + 8_000_000_000L;
        double[] check = new double[2];
        while (System.nanoTime() < warmEnd) for (int v = 0; v < 2; v++) check[v] = (double) run[v].invoke(null, est, 20000L, 1L);
        if (check[0] != check[1]) System.out.println("RESULTS DIFFER " + check[0] + " " + check[1]);
        double[][] cpu = new double[2][rounds], wall = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int v = (r % 2 == 0) ? k : 1 - k; // alternate who goes first
                long c0 = tb.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                run[v].invoke(null, est, steps, (long) r + 2);
                cpu[v][r] = (tb.getCurrentThreadCpuTime() - c0) / 1e3 / steps;
                wall[v][r] = (System.nanoTime() - w0) / 1e3 / steps;
            }
        }
        for (int v = 0; v < 2; v++) {
            double[] c = cpu[v].clone(), w = wall[v].clone(); Arrays.sort(c); Arrays.sort(w);
            System.out.printf(Locale.ROOT, "%s %s: thread-cpu us/step median %.3f min %.3f; wall median %.3f min %.3f%n", est, dirs[v], c[rounds/2], c[0], w[rounds/2], w[0]);
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) ratio[r] = cpu[1][r] / cpu[0][r];
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "%s ratio new/base thread-cpu: median %.3f (per-round ratios %s) load %s%n", est, ratio[rounds/2], Arrays.toString(ratio), Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
