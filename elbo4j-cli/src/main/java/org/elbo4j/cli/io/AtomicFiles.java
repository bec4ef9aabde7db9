package org.elbo4j.cli.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: readers see either the old file or the complete new one, never a part.
 *
 * <p>The content goes to a temporary file {@code .<name>.<random>.tmp} in the target's own
 * directory (a rename is atomic only within one file system), which is flushed and fsync'd, then
 * renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}; finally the directory is
 * fsync'd where the platform allows it, so the rename survives a crash. If anything fails before
 * the rename, the temporary file is deleted and the old target is left as it was. The new file
 * gets the old target's POSIX permissions if there was one, otherwise the defaults of a newly
 * created file (the umask), not the 0600 of {@code Files.createTempFile}.
 *
 * <pre>{@code
 * AtomicFiles.writeString(dir.resolve("runs/fit/summary.txt"), text);
 * AtomicFiles.write(dir.resolve("runs/fit/draws.csv"), out -> csv.writeTo(out));
 * }</pre>
 */
public final class AtomicFiles {

    /** Writes the content to the stream it is given; must not close it. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream
         * @throws IOException to abandon the write (the target stays as it was)
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Atomically replaces (or creates) {@code target} with {@code text} in UTF-8.
     *
     * @param target the file; its directory must exist
     * @param text the content
     * @throws IOException if writing, syncing or renaming fails; the old target is then intact
     */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces (or creates) {@code target} with {@code bytes}.
     *
     * @param target the file; its directory must exist
     * @param bytes the content; not modified
     * @throws IOException if writing, syncing or renaming fails; the old target is then intact
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code content} writes.
     *
     * @param target the file; its directory must exist
     * @param content writes the bytes; if it throws, the target stays as it was
     * @throws IOException if the content, the write, the sync or the rename fails
     * @throws java.nio.file.AtomicMoveNotSupportedException if the file system cannot rename
     *     atomically (never silently downgraded to a plain copy)
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null) {
            throw new IOException(target + ": has no parent directory");
        }
        if (Files.isDirectory(abs)) {
            throw new IOException(target + ": is a directory");
        }
        Path tmp = createTemp(dir, abs.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(new NonClosing(out));
                out.flush();
                ch.force(true);
            }
            copyPermissions(abs, tmp);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The temporary files of {@link #write}: {@code .<name>.<hex>.tmp}. */
    private static final java.util.regex.Pattern TEMP = java.util.regex.Pattern.compile("\\..+\\.[0-9a-f]{1,16}\\.tmp");

    /**
     * Deletes the temporary files a killed writer left in {@code dir} ({@code .<name>.<hex>.tmp}, see {@link #write}):
     * a run that owns {@code dir} calls it before writing. Other files are not touched.
     *
     * @param dir an existing directory
     * @return how many were deleted
     * @throws IOException if the directory cannot be listed or a temporary file deleted
     */
    public static int removeStaleTemporaries(Path dir) throws IOException {
        int n = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (TEMP.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        }
        return n;
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path tmp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                // createFile (not createTempFile) so the permissions follow the umask like any new file.
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (src != null && dst != null) {
            Set<PosixFilePermission> perms = src.readAttributes().permissions();
            dst.setPermissions(perms);
        }
    }

    /** fsync the directory so the rename is durable; not possible on every platform (Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the rename itself already happened atomically.
        }
    }

    /** Keeps a Content from closing the channel before it is fsync'd. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
