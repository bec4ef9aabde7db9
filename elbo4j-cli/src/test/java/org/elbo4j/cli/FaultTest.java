package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.elbo4j.cli.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults in a child JVM (the test classpath, {@link ProcessBuilder}): a writer killed with kill -9
 * ({@link Process#destroyForcibly}) in the middle of its writes leaves only complete files, and the next run that
 * prepares the directory removes the temporary files it left; a JVM out of memory ends with one
 * {@code elbo4j: error:} line naming the heap and {@code JAVA_OPTS=-Xmx...}.
 */
class FaultTest {

    /** The child: rewrites FILE again and again with 4 MiB of one byte value (the round number), atomically. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            for (int round = 1; ; round++) {
                byte[] b = new byte[4 << 20];
                java.util.Arrays.fill(b, (byte) round);
                for (String name : new String[] {"a.bin", "b.bin", "c.bin"}) {
                    AtomicFiles.writeBytes(dir.resolve(name), b);
                }
                Files.writeString(dir.resolve("rounds.txt"), Integer.toString(round)); // progress for the parent
            }
        }
    }

    @Test
    void killMinus9DuringWritesLeavesOnlyCompleteFilesAndTheNextRunRemovesTemporaries(@TempDir Path dir)
            throws Exception {
        for (int kill = 0; kill < 4; kill++) {
            Process p = java(List.of(Writer.class.getName(), dir.toString())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(dir.resolve("rounds.txt")) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            Thread.sleep(50 + 70L * kill); // somewhere inside a later round's writes
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            for (String name : new String[] {"a.bin", "b.bin", "c.bin"}) {
                Path f = dir.resolve(name);
                if (Files.exists(f)) {
                    byte[] b = Files.readAllBytes(f);
                    assertEquals(4 << 20, b.length, name + " is incomplete");
                    for (byte x : b) {
                        if (x != b[0]) {
                            throw new AssertionError(name + " mixes two rounds");
                        }
                    }
                }
            }
            // the next run prepares the directory: no temporary file of the killed one survives
            OutputDir.prepare("--out", dir);
            try (Stream<Path> s = Files.list(dir)) {
                List<String> left = s.map(x -> x.getFileName().toString())
                        .filter(n -> n.endsWith(".tmp"))
                        .toList();
                assertEquals(List.of(), left);
            }
        }
    }

    @Test
    void outOfMemoryIsOneLineWithTheHeapAndAdvice(@TempDir Path dir) throws Exception {
        ProcessBuilder pb = java(List.of(
                "-Xmx40m",
                Main.class.getName(),
                "vae",
                "--epochs",
                "1",
                "--quiet",
                "--out",
                dir.resolve("v").toString()));
        pb.redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("stderr.txt"));
        List<String> lines = err.lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
                .toList();
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith(Errors.PREFIX + "out of memory"), err);
        assertTrue(lines.get(0).contains("maximum heap of") && lines.get(0).contains("JAVA_OPTS=-Xmx"), err);
    }

    /** A JVM with the test classpath; JVM options in {@code args} go before the class name. */
    private static ProcessBuilder java(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            cmd.add(cmd.size() - 2, args.get(i++));
        }
        cmd.addAll(args.subList(i, args.size()));
        return new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(new File("/dev/null"));
    }
}
