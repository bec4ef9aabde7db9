package org.elbo4j.cli.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks an input file before it is opened, so that every error names the file and says what was expected. */
public final class Inputs {
    private Inputs() {}

    /**
     * @param file the file to read
     * @param what what it should be, e.g. "a Stan JSON data file"
     * @throws NoSuchFileException if it does not exist
     * @throws IOException "FILE: is a directory, expected WHAT" for a directory
     * @throws AccessDeniedException if it cannot be read
     */
    public static void requireReadableFile(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, expected " + what);
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString());
        }
    }
}
