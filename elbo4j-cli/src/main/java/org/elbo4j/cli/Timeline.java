package org.elbo4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A hidden timing switch for start-up work (issue 15): with {@code -Delbo4j.timeline=true} (e.g. {@code
 * JAVA_OPTS=-Delbo4j.timeline=true ./elbo4j fit ...}) each {@link #mark} prints one line on stderr, {@code timeline:
 * WALL ms CPU ms EVENT}: the wall time since the JVM process started and the CPU time (user + system, every thread:
 * the JIT's included) the process has used, both read from Linux's {@code /proc} (clock ticks: 10 ms resolution; NaN
 * elsewhere). Off, {@link #mark} costs one static boolean test.
 */
final class Timeline {
    /** Whether {@code -Delbo4j.timeline=true} was given. */
    static final boolean ON = Boolean.getBoolean("elbo4j.timeline");

    private Timeline() {}

    /** Prints one timeline line for {@code event} when the switch is on. */
    static void mark(String event) {
        if (!ON) {
            return;
        }
        double wall = Double.NaN, cpu = Double.NaN;
        try {
            // /proc/self/stat: fields after the ")" of the command name; utime, stime are 14, 15, starttime 22
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double tick = 10.0; // ms per clock tick (USER_HZ = 100 on Linux)
            cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
            double uptime =
                    Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            wall = uptime * 1000 - Long.parseLong(f[19]) * tick;
        } catch (IOException | RuntimeException e) {
            // not Linux: NaN
        }
        PrintStream err = System.err;
        err.printf(Locale.ROOT, "timeline: %7.1f ms wall %7.1f ms cpu  %s%n", wall, cpu, event);
        err.flush();
    }
}
