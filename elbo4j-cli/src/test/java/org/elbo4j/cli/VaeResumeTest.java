package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vae --resume}: keeps every setting of the run (here --is-samples, which the checkpoint records), and refuses
 * a target already reached or behind it without writing anything (before: "wrote .../checkpoint-0001.zip" for a
 * checkpoint it had not written, and silently rewritten outputs).
 */
class VaeResumeTest {

    @Test
    void resumeKeepsIsSamplesAndRefusesATargetAlreadyReached(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("base");
        VaeCommandTest.Run r = VaeCommandTest.run(
                VaeCommandTest.args(tmp, "--epochs", "2", "--is-samples", "7", "--out", base.toString()));
        assertEquals(0, r.code(), r.err());
        Map<String, byte[]> before = contents(base);

        // the same target, and a smaller one: refused, nothing written anywhere
        for (String epochs : new String[] {"2", "1"}) {
            Path fresh = tmp.resolve("new" + epochs);
            VaeCommandTest.Run same = VaeCommandTest.run(
                    "vae", "--resume", base.toString(), "--epochs", epochs, "--out", fresh.toString(), "--quiet");
            assertEquals(2, same.code(), same.out() + same.err());
            assertTrue(
                    same.err().startsWith(Errors.PREFIX + "--epochs " + epochs + ": the run in " + base), same.err());
            assertTrue(same.err().contains("--epochs 3 or more"), same.err());
            assertEquals("", same.out());
            assertFalse(Files.exists(fresh) && Files.list(fresh).findAny().isPresent(), "wrote into " + fresh);
            VaeCommandTest.Run inPlace =
                    VaeCommandTest.run("vae", "--resume", base.toString(), "--epochs", epochs, "--quiet");
            assertEquals(2, inPlace.code(), inPlace.err());
        }
        Map<String, byte[]> after = contents(base);
        assertEquals(before.keySet(), after.keySet());
        for (String f : before.keySet()) {
            assertArrayEquals(before.get(f), after.get(f), f + " was rewritten");
        }

        // one more epoch into a new directory: --is-samples 7 of the run, not the default 500
        Path next = tmp.resolve("next");
        VaeCommandTest.Run more = VaeCommandTest.run(
                "vae", "--resume", base.toString(), "--epochs", "3", "--out", next.toString(), "--quiet");
        assertEquals(0, more.code(), more.err());
        assertTrue(more.out().contains("K = 7 per image"), more.out());
        assertTrue(Files.exists(next.resolve("checkpoint-0003.zip")), "the checkpoint it says it wrote");
        assertTrue(more.out().contains("checkpoint-0003.zip"), more.out());
    }

    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }
}
