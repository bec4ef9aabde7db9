package org.elbo4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elbo4j.cli.io.AtomicFiles;

/**
 * An output directory ({@code --out}) made ready before any work: created if missing, checked to be a writable
 * directory by writing and deleting a probe file, and cleared of temporary files a killed run left behind
 * ({@link AtomicFiles#removeStaleTemporaries}). A failure is a runtime error naming the directory.
 */
final class OutputDir {
    private OutputDir() {}

    /**
     * @param option the option that named it, for the message
     * @param dir the directory; null for "not given"
     * @return {@code dir}
     * @throws UsageException if {@code dir} is empty
     * @throws IOException naming the directory if it cannot be created or written
     */
    static Path prepare(String option, Path dir) throws IOException {
        if (dir == null) {
            return null;
        }
        Usage.path(option, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(option + " " + dir + ": not a directory (a file of that name exists)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException(option + " " + dir + ": cannot create the directory (" + Errors.oneLine(e) + ")", e);
        }
        Path probe = dir.resolve(".elbo4j-write-test." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException(
                    option + " " + dir + ": the directory is not writable (" + Errors.oneLine(e) + ")", e);
        }
        AtomicFiles.removeStaleTemporaries(dir);
        return dir;
    }
}
