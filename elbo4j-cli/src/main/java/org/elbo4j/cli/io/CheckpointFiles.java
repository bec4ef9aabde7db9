package org.elbo4j.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.checkpoint.CheckpointFormat;

/**
 * Checkpoint files of a run directory: {@code checkpoint-<step, 4+ digits>.zip} in the library's format
 * ({@link CheckpointFormat}; {@code docs/checkpoint-format.md}), written atomically ({@link AtomicFiles}: a reader sees
 * the old file or the complete new one, and a failed write leaves the older checkpoints as they were), the newest two
 * kept, so that when the newest is damaged (a disk error, a copy cut short) the previous one is still there. Used by
 * {@code fit --checkpoint-every} and, through {@link VaeCheckpoints}, by {@code vae}.
 *
 * <pre>{@code
 * Path file = CheckpointFiles.write(outDir, checkpoint);          // outDir/checkpoint-0100.zip for step 100
 * Checkpoint newest = CheckpointFiles.readLatest(outDir, "step");  // or a clear error naming the damaged file
 * }</pre>
 */
public final class CheckpointFiles {
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{4,})\\.zip");

    private CheckpointFiles() {}

    /** The file name of the checkpoint after {@code step} steps (or epochs): {@code checkpoint-0007.zip}. */
    public static String fileName(long step) {
        return String.format(Locale.ROOT, "checkpoint-%04d.zip", step);
    }

    /**
     * Writes {@code c} atomically to {@code dir/checkpoint-<step>.zip}, then deletes the checkpoints in {@code dir}
     * older than the previous one (two are kept).
     *
     * @param dir an existing directory
     * @return the file written
     * @throws IOException if writing fails (the older checkpoints are then untouched)
     */
    public static Path write(Path dir, Checkpoint c) throws IOException {
        Path file = dir.resolve(fileName(c.step()));
        AtomicFiles.writeBytes(file, CheckpointFormat.encode(c));
        List<Path> all = list(dir);
        for (Path old : all.subList(Math.min(2, all.size()), all.size())) {
            if (stepOf(old) < c.step()) Files.deleteIfExists(old);
        }
        return file;
    }

    /**
     * The checkpoint files in {@code dir}, newest (highest step) first.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(stepOf(b), stepOf(a)));
        return out;
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) return -1;
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The newest checkpoint of a run directory, or a given checkpoint file.
     *
     * @param dirOrFile a run directory (its newest {@code checkpoint-*.zip} is read) or one file
     * @param unit      what a checkpoint's step counts, for messages ({@code "step"}, {@code "epoch"})
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if there is no checkpoint, or the newest is damaged; the message names the
     *         damaged file, says what is wrong and, when the previous checkpoint is intact, names it and how to
     *         continue from it
     */
    public static Checkpoint readLatest(Path dirOrFile, String unit) throws IOException {
        if (!Files.isDirectory(dirOrFile)) {
            if (!Files.exists(dirOrFile)) {
                throw new IllegalArgumentException("--resume " + dirOrFile + ": no such file or directory");
            }
            return read(dirOrFile);
        }
        List<Path> files = list(dirOrFile);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("--resume " + dirOrFile + ": no checkpoint-NNNN.zip in this directory");
        }
        Path newest = files.get(0);
        try {
            return read(newest);
        } catch (IllegalArgumentException damaged) {
            for (Path prev : files.subList(1, files.size())) {
                Checkpoint s;
                try {
                    s = read(prev);
                } catch (IllegalArgumentException alsoDamaged) {
                    continue;
                }
                throw new IllegalArgumentException(
                        damaged.getMessage() + ". The previous checkpoint " + prev + " (" + unit + " " + s.step()
                                + ") is intact: delete " + newest.getFileName() + " or pass --resume " + prev
                                + " to continue from " + unit + " " + s.step(),
                        damaged);
            }
            throw damaged;
        }
    }

    /**
     * Reads one checkpoint file.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is damaged or not a checkpoint (naming the file)
     */
    public static Checkpoint read(Path file) throws IOException {
        Inputs.requireReadableFile(file, "a checkpoint file (checkpoint-NNNN.zip)");
        return CheckpointFormat.decode(Files.readAllBytes(file), file.toString());
    }
}
