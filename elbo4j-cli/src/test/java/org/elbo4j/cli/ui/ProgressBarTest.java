package org.elbo4j.cli.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.elbo4j.cli.ui.ProgressBar.Mode;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MS = 1_000_000L;

    /** A clock the test moves by hand. */
    static final class FakeClock {
        long nanos = 1_000 * MS;

        long now() {
            return nanos;
        }

        void advanceMillis(long ms) {
            nanos += ms * MS;
        }
    }

    @Test
    void interactiveRedrawsAtMostTenTimesASecond() {
        FakeClock clock = new FakeClock();
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar("fit", 10_000, Mode.INTERACTIVE, new PrintWriter(sw), clock::now, 10);
        // 10,000 steps of 1 ms each: 10 s, so 100 redraws at 100 ms, plus the first and the last.
        for (int t = 1; t <= 10_000; t++) {
            clock.advanceMillis(1);
            bar.update(t);
        }
        bar.close();
        String s = sw.toString();
        long redraws = s.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 100 && redraws <= 103, "redraws: " + redraws);
        assertTrue(s.endsWith("\n"), "close() ends the line");
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), "one line, redrawn in place");
    }

    @Test
    void lineShowsCountPercentRateEtaAndStatus() {
        FakeClock clock = new FakeClock();
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar("fit", 1000, Mode.INTERACTIVE, new PrintWriter(sw), clock::now, 10);
        clock.advanceMillis(2000);
        bar.update(250, () -> "ELBO -123.4");
        String line = last(sw.toString());
        // 250 steps in 2 s: 125 it/s; 750 left: 6 s.
        assertEquals("fit [======>                 ]  25% 250/1000  125.0 it/s  ETA 0:06  ELBO -123.4", line);
        clock.advanceMillis(6000);
        bar.update(1000, () -> "ELBO -99.0");
        assertEquals(
                "fit [========================] 100% 1000/1000  125.0 it/s  in 0:08  ELBO -99.0", last(sw.toString()));
    }

    @Test
    void shorterLineBlanksTheRestOfTheLongerOne() {
        FakeClock clock = new FakeClock();
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar("x", 10, Mode.INTERACTIVE, new PrintWriter(sw), clock::now, 10);
        bar.update(1, () -> "a very long status text");
        clock.advanceMillis(200);
        bar.update(2, () -> "");
        String[] draws = sw.toString().split("\r", -1);
        String second = draws[draws.length - 1];
        assertEquals(draws[draws.length - 2].length(), second.length(), "padded to the previous width");
        assertTrue(second.endsWith("   "), second);
    }

    @Test
    void statusSupplierRunsOnlyWhenALineIsDrawn() {
        FakeClock clock = new FakeClock();
        AtomicInteger calls = new AtomicInteger();
        ProgressBar bar = new ProgressBar(
                "fit", 1_000_000, Mode.INTERACTIVE, new PrintWriter(new StringWriter()), clock::now, 10);
        for (int t = 1; t <= 100_000; t++) {
            bar.update(t, () -> "ELBO " + calls.incrementAndGet());
        } // the clock does not move: only the first update draws
        assertEquals(1, calls.get());
    }

    @Test
    void plainModePrintsALineEveryTenPercent() {
        FakeClock clock = new FakeClock();
        StringWriter sw = new StringWriter();
        try (ProgressBar bar = new ProgressBar("vae", 200, Mode.PLAIN, new PrintWriter(sw), clock::now, 10)) {
            for (int t = 1; t <= 200; t++) {
                clock.advanceMillis(10);
                bar.update(t, () -> "loss 1.0");
            }
        }
        List<String> lines = sw.toString().lines().toList();
        assertEquals(10, lines.size(), sw.toString());
        assertEquals("vae:  10% 20/200  100.0 it/s  elapsed 0:00  ETA 0:02  loss 1.0", lines.get(0));
        assertEquals("vae: 100% 200/200  100.0 it/s  in 0:02  loss 1.0", lines.get(9));
        assertTrue(sw.toString().indexOf('\r') < 0, "no carriage returns in a log");
    }

    /** A slow run in a log: a line every 5 s even when no 10 % boundary is crossed, and a last line saying how it ended. */
    @Test
    void plainModePrintsEveryFiveSecondsAndTheEnd() {
        FakeClock clock = new FakeClock();
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar("fit m", 100_000, Mode.PLAIN, new PrintWriter(sw), clock::now, 10);
        for (int t = 1; t <= 2_000; t++) { // 2 % of the budget in 20 s
            clock.advanceMillis(10);
            bar.update(t, () -> "ELBO -3.5");
        }
        bar.end("converged after 2000 steps");
        bar.end("twice"); // ignored
        List<String> lines = sw.toString().lines().toList();
        assertEquals(5, lines.size(), sw.toString());
        assertEquals("fit m:   0% 500/100000  100.0 it/s  elapsed 0:05  ETA 16:35  ELBO -3.5", lines.get(0));
        assertTrue(lines.get(3).contains("2000/100000") && lines.get(3).contains("elapsed 0:20"), lines.get(3));
        assertEquals("fit m: converged after 2000 steps (in 0:20)", lines.get(4));
    }

    @Test
    void plainModeReportsWhereAnEarlyStopLeftOff() {
        FakeClock clock = new FakeClock();
        StringWriter sw = new StringWriter();
        ProgressBar bar = new ProgressBar("fit", 10_000, Mode.PLAIN, new PrintWriter(sw), clock::now, 25);
        for (int t = 1; t <= 3_000; t++) { // converged at step 3000
            clock.advanceMillis(1);
            bar.update(t);
        }
        bar.close();
        bar.close(); // idempotent
        List<String> lines = sw.toString().lines().toList();
        assertEquals(
                List.of(
                        "fit:  25% 2500/10000  1000.0 it/s  elapsed 0:03  ETA 0:08",
                        "fit:  30% 3000/10000  1000.0 it/s  elapsed 0:03  ETA 0:07"),
                lines);
    }

    @Test
    void quietPrintsNothing() {
        StringWriter sw = new StringWriter();
        FakeClock clock = new FakeClock();
        try (ProgressBar bar = new ProgressBar("q", 5, Mode.QUIET, new PrintWriter(sw), clock::now, 10)) {
            for (int t = 1; t <= 5; t++) {
                clock.advanceMillis(500);
                bar.update(t, () -> "s");
            }
        }
        assertEquals("", sw.toString());
    }

    @Test
    void modeDetection() {
        assertEquals(Mode.INTERACTIVE, ProgressBar.detectMode(true, Map.of("TERM", "xterm")));
        assertEquals(Mode.INTERACTIVE, ProgressBar.detectMode(true, Map.of()));
        assertEquals(Mode.INTERACTIVE, ProgressBar.detectMode(true, Map.of("CI", "false")));
        assertEquals(Mode.PLAIN, ProgressBar.detectMode(false, Map.of("TERM", "xterm")));
        assertEquals(Mode.PLAIN, ProgressBar.detectMode(true, Map.of("CI", "true")));
        assertEquals(Mode.PLAIN, ProgressBar.detectMode(true, Map.of("CI", "1")));
        assertEquals(Mode.PLAIN, ProgressBar.detectMode(true, Map.of("TERM", "dumb")));
    }

    @Test
    void badArgumentsAreNamed() {
        PrintWriter pw = new PrintWriter(new StringWriter());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new ProgressBar("x", 0, Mode.PLAIN, pw, System::nanoTime, 10));
        assertEquals("ProgressBar total must be >= 1: 0", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> new ProgressBar("x", 5, Mode.PLAIN, pw, System::nanoTime, 0));
        assertEquals("ProgressBar everyPercent must be in 1..100: 0", e.getMessage());
        ProgressBar bar = new ProgressBar("x", 5, Mode.PLAIN, pw, System::nanoTime, 10);
        e = assertThrows(IllegalArgumentException.class, () -> bar.update(6));
        assertEquals("stepsDone must be in 0..5: 6", e.getMessage());
    }

    @Test
    void formats() {
        assertEquals("2.5M it/s", ProgressBar.formatRate(2.5e6));
        assertEquals("12.0k it/s", ProgressBar.formatRate(12_000));
        assertEquals("3.0 s/it", ProgressBar.formatRate(1 / 3.0));
        assertEquals("1:01:01", ProgressBar.formatDuration(3661));
        assertEquals("0:59", ProgressBar.formatDuration(59.4));
        assertEquals("?", ProgressBar.formatDuration(Double.POSITIVE_INFINITY));
    }

    private static String last(String s) {
        return s.substring(s.lastIndexOf('\r') + 1).stripTrailing();
    }
}
