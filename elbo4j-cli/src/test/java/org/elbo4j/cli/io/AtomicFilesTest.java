package org.elbo4j.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void createsAndReplaces(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a.txt");
        AtomicFiles.writeString(f, "first ✓");
        assertEquals("first ✓", Files.readString(f));
        AtomicFiles.writeBytes(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        AtomicFiles.write(f, out -> {
            out.write('x');
            out.close(); // a careless Content closing the stream must not break the fsync
        });
        assertEquals("x", Files.readString(f));
        assertEquals(List.of(f), listing(tmp), "no temporary files left");
    }

    @Test
    void failureLeavesTheOldFileIntactAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("checkpoint.json");
        Files.writeString(f, "{\"step\": 100}");
        IOException boom = new IOException("disk full (simulated)");
        IOException thrown = assertThrows(
                IOException.class,
                () -> AtomicFiles.write(f, out -> {
                    out.write("{\"step\": 2".getBytes()); // half written ...
                    throw boom; // ... then the write fails
                }));
        assertSame(boom, thrown);
        assertEquals("{\"step\": 100}", Files.readString(f));
        assertEquals(List.of(f), listing(tmp));
    }

    @Test
    void runtimeFailureAlsoLeavesTheOldFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("draws.csv");
        Files.writeString(f, "old");
        assertThrows(
                IllegalStateException.class,
                () -> AtomicFiles.write(f, out -> {
                    out.write(new byte[100_000]);
                    throw new IllegalStateException("NaN in draw 7");
                }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing(tmp));
    }

    @Test
    void keepsThePermissionsOfTheReplacedFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("p.txt");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.writeString(f, "new");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void newFileIsReadableByOthersAsUsual(@TempDir Path tmp) throws Exception {
        // Files.createTempFile would give rw------- ; a created file follows the umask like any other.
        Path f = tmp.resolve("new.txt");
        AtomicFiles.writeString(f, "x");
        Path plain = Files.createFile(tmp.resolve("plain.txt"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
    }

    @Test
    void missingDirectoryOrADirectoryTargetIsAnError(@TempDir Path tmp) {
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(tmp.resolve("no/such/dir/x"), "x"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(tmp, "x"));
        assertEquals(
                tmp + ": is a directory",
                e.getMessage().replace(tmp.toAbsolutePath().toString(), tmp.toString()));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
