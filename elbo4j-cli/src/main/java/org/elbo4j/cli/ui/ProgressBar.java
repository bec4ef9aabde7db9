package org.elbo4j.cli.ui;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress of a long run (SVI steps, VAE epochs): steps done of total, rate, time left, and a
 * status from the caller such as {@code "ELBO -123.4"}.
 *
 * <p>Three modes, chosen by {@link #detectMode}:
 * <ul>
 *   <li>{@link Mode#INTERACTIVE} (a terminal): one line redrawn in place with {@code '\r'}, at most
 *       every {@link #REDRAW_INTERVAL_NANOS} (10 times a second), plus the first and last state;
 *       {@code close()} ends the line.</li>
 *   <li>{@link Mode#PLAIN} (a log file, CI, {@code TERM=dumb}): a new line each time another
 *       {@code everyPercent} % of the total is done, and a final line at {@code close()} when the
 *       run stopped elsewhere (e.g. it converged early).</li>
 *   <li>{@link Mode#QUIET}: nothing.</li>
 * </ul>
 * {@link #update(long, Supplier)} is cheap when nothing is drawn (a clock read and a compare), so it
 * may be called every step; the status supplier runs only when a line is drawn.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.forStderr("fit", steps)) {
 *   for (int t = 1; t <= steps; t++) {
 *     double elbo = svi.step();
 *     bar.update(t, () -> String.format("ELBO %.1f", elbo));
 *   }
 * }
 * }</pre>
 */
public final class ProgressBar implements AutoCloseable {

    /** How progress is shown. */
    public enum Mode {
        INTERACTIVE,
        PLAIN,
        QUIET
    }

    /** Minimum time between two redraws of the interactive line: 100 ms. */
    public static final long REDRAW_INTERVAL_NANOS = 100_000_000L;

    /** In plain mode (a file or a pipe), a line at least this often while steps go on: 5 s. */
    public static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private static final int BAR_WIDTH = 24;

    private final String label;
    private final long total;
    private final Mode mode;
    private final PrintWriter out;
    private final LongSupplier clock;
    private final int everyPercent;
    private final long startNanos;

    private long done;
    private Supplier<String> status = () -> "";
    private long lastDrawNanos;
    private boolean drawnOnce;
    private int lastWidth;
    private long lastPlainBucket;
    private long lastPlainNanos;
    private Thread interruptHook;
    private long lastPrintedDone = -1;
    private boolean closed;

    /**
     * @param label a short name shown first, e.g. {@code "fit"}
     * @param total the number of steps, ≥ 1
     * @param mode how to show progress
     * @param out where to draw; flushed after every line
     * @param clock monotonic time in nanoseconds (e.g. {@code System::nanoTime})
     * @param everyPercent in plain mode, print a line each time this many percent more are done;
     *     1–100
     * @throws IllegalArgumentException if total &lt; 1 or everyPercent is outside 1–100
     */
    public ProgressBar(String label, long total, Mode mode, PrintWriter out, LongSupplier clock, int everyPercent) {
        if (total < 1) {
            throw new IllegalArgumentException("ProgressBar total must be >= 1: " + total);
        }
        if (everyPercent < 1 || everyPercent > 100) {
            throw new IllegalArgumentException("ProgressBar everyPercent must be in 1..100: " + everyPercent);
        }
        this.label = label;
        this.total = total;
        this.mode = mode;
        this.out = out;
        this.clock = clock;
        this.everyPercent = everyPercent;
        this.startNanos = clock.getAsLong();
        this.lastPlainNanos = startNanos;
    }

    /**
     * A bar on stderr in the mode {@link #detectMode} picks for this process, printing every 10 %
     * when not interactive.
     *
     * @param label a short name
     * @param total the number of steps, ≥ 1
     * @return the bar; close it when the run ends
     */
    /**
     * A bar on {@code err} (the command's stderr, so tests capture it): interactive on a terminal, plain lines otherwise.
     *
     * @param label printed first on every line
     * @param total the number of steps, at least 1
     * @param err where to print; flushed after every line
     * @return the bar
     */
    public static ProgressBar on(PrintWriter err, String label, long total) {
        Mode mode = detectMode(System.console() != null, System.getenv());
        return new ProgressBar(label, total, mode, err, System::nanoTime, 10);
    }

    public static ProgressBar forStderr(String label, long total) {
        Mode mode = detectMode(System.console() != null, System.getenv());
        return new ProgressBar(label, total, mode, new PrintWriter(System.err, false), System::nanoTime, 10);
    }

    /**
     * Interactive only on a terminal ({@code System.console() != null}) that is not dumb and not CI.
     *
     * @param hasConsole whether {@code System.console()} is non-null
     * @param env the environment; {@code CI} set to anything but "" / "false" / "0" means CI,
     *     {@code TERM=dumb} means no cursor control
     * @return INTERACTIVE or PLAIN
     */
    public static Mode detectMode(boolean hasConsole, Map<String, String> env) {
        String ci = env.getOrDefault("CI", "");
        boolean isCi = !ci.isEmpty() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        boolean dumb = "dumb".equals(env.get("TERM"));
        return hasConsole && !isCi && !dumb ? Mode.INTERACTIVE : Mode.PLAIN;
    }

    /** @return the mode in use */
    public Mode mode() {
        return mode;
    }

    /**
     * Records progress with no status text.
     *
     * @param stepsDone steps finished so far, 0 ≤ stepsDone ≤ total
     * @throws IllegalArgumentException if out of range
     */
    public void update(long stepsDone) {
        update(stepsDone, null);
    }

    /**
     * Records progress; draws if the mode's schedule says so.
     *
     * @param stepsDone steps finished so far, 0 ≤ stepsDone ≤ total
     * @param statusText called only when a line is drawn; null keeps the previous status
     * @throws IllegalArgumentException if stepsDone is out of range
     */
    public synchronized void update(long stepsDone, Supplier<String> statusText) {
        if (stepsDone < 0 || stepsDone > total) {
            throw new IllegalArgumentException("stepsDone must be in 0.." + total + ": " + stepsDone);
        }
        if (closed) {
            return;
        }
        done = stepsDone;
        if (statusText != null) {
            status = statusText;
        }
        switch (mode) {
            case INTERACTIVE -> {
                long now = clock.getAsLong();
                if (!drawnOnce || done == total || now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
                    redraw(now);
                }
            }
            case PLAIN -> {
                long bucket = done * 100 / total / everyPercent;
                long now = clock.getAsLong();
                if (bucket > lastPlainBucket
                        || (done == total && lastPrintedDone != total)
                        || now - lastPlainNanos >= PLAIN_INTERVAL_NANOS) {
                    lastPlainBucket = bucket;
                    printLine(now);
                }
            }
            case QUIET -> {}
        }
    }

    /** Ends the display: interactive mode draws the final state and a newline; plain mode prints a
     * last line unless the current state was already printed. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        if (mode == Mode.INTERACTIVE) {
            redraw(now);
            out.print('\n');
            out.flush();
        } else if (mode == Mode.PLAIN && lastPrintedDone != done) {
            printLine(now);
        }
        closed = true;
        if (interruptHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(interruptHook);
            } catch (IllegalStateException e) {
                // shutting down: the hook sees closed and prints nothing
            }
            interruptHook = null;
        }
    }

    private void redraw(long now) {
        String line = render(now, true);
        StringBuilder sb = new StringBuilder(line.length() + 8).append('\r').append(line);
        // Blank out what is left of a longer previous line.
        for (int i = line.length(); i < lastWidth; i++) {
            sb.append(' ');
        }
        lastWidth = line.length();
        out.print(sb);
        out.flush();
        lastDrawNanos = now;
        drawnOnce = true;
        lastPrintedDone = done;
    }

    /**
     * Ends the bar (as {@link #close}) and prints a last line that says how the run ended, e.g. {@code fit
     * normal_normal: converged after 1500 steps (in 0:02)}; nothing in quiet mode. Idempotent with close.
     *
     * @param outcome how the run ended: "converged after N steps", "stopped at the step limit", "diverged: ..."
     */
    public synchronized void end(String outcome) {
        if (closed) {
            return;
        }
        close();
        if (mode != Mode.QUIET) {
            out.print(
                    label + ": " + outcome + " (in " + formatDuration((clock.getAsLong() - startNanos) / 1e9) + ")\n");
            out.flush();
        }
    }

    /**
     * Prints "LABEL: interrupted at step N of TOTAL" if the JVM is stopped (Ctrl-C, SIGTERM) before the bar ends.
     *
     * @return this bar
     */
    public ProgressBar reportInterrupts() {
        if (mode == Mode.QUIET || interruptHook != null) {
            return this;
        }
        interruptHook = new Thread(() -> {
            synchronized (this) {
                if (!closed) {
                    out.print("\n" + label + ": interrupted at step " + done + " of " + total + " (after "
                            + formatDuration((clock.getAsLong() - startNanos) / 1e9) + ")\n");
                    out.flush();
                }
            }
        });
        try {
            Runtime.getRuntime().addShutdownHook(interruptHook);
        } catch (IllegalStateException e) {
            interruptHook = null; // already shutting down
        }
        return this;
    }

    private void printLine(long now) {
        lastPlainNanos = now;
        out.print(render(now, false));
        out.print('\n');
        out.flush();
        lastPrintedDone = done;
    }

    /** The text of one progress line (no '\r' or newline). */
    String render(long now, boolean withBar) {
        double elapsed = (now - startNanos) / 1e9;
        double fraction = (double) done / total;
        StringBuilder sb = new StringBuilder(96);
        sb.append(label);
        if (withBar) {
            int filled = (int) Math.floor(fraction * BAR_WIDTH);
            sb.append(" [");
            for (int i = 0; i < BAR_WIDTH; i++) {
                sb.append(i < filled ? '=' : (i == filled ? '>' : ' '));
            }
            sb.append(']');
        } else {
            sb.append(':');
        }
        sb.append(String.format(Locale.ROOT, " %3d%% %d/%d", (int) Math.floor(fraction * 100), done, total));
        if (elapsed > 0 && done > 0) {
            double rate = done / elapsed;
            sb.append("  ").append(formatRate(rate));
            if (done < total) {
                if (!withBar) {
                    sb.append("  elapsed ").append(formatDuration(elapsed));
                }
                sb.append("  ETA ").append(formatDuration((total - done) / rate));
            } else {
                sb.append("  in ").append(formatDuration(elapsed));
            }
        }
        String s = status.get();
        if (s != null && !s.isEmpty()) {
            sb.append("  ").append(s.replace('\n', ' ').replace('\r', ' '));
        }
        return sb.toString();
    }

    static String formatRate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM it/s", perSecond / 1e6);
        }
        if (perSecond >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk it/s", perSecond / 1e3);
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, "%.1f it/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f s/it", 1 / perSecond);
    }

    /** h:mm:ss, or m:ss under an hour. */
    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
