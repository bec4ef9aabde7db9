package org.elbo4j.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elbo4j.checkpoint.Checkpoint;
import org.elbo4j.checkpoint.CheckpointFormat;
import org.elbo4j.vae.TrainingState;

/**
 * VAE training checkpoints on disk: one file per epoch, {@code checkpoint-<epoch, 4+ digits>.zip}, in the library's
 * checkpoint format ({@link CheckpointFormat}, kind {@code "vae"}; {@code docs/checkpoint-format.md}): a zip of a
 * JSON header and one little-endian float64 array, not Java serialization. This class only manages the files.
 *
 * <p>Writing is atomic ({@link AtomicFiles}: a reader sees the old file or the complete new one),
 * and {@link #write} keeps the newest two checkpoints, so when the newest is damaged (a disk
 * error, a copy cut short) the previous one is still there. Reading checks the zip CRCs, the
 * header, the sizes and the SHA-256, and reports any damage as an
 * {@link IllegalArgumentException} naming the file and what is wrong.
 *
 * <pre>{@code
 * Path file = VaeCheckpoints.write(outDir, trainer.state(), Map.of("blas", Blas.backend()));
 * TrainingState s = VaeCheckpoints.readLatest(outDir);      // newest intact checkpoint, or a clear error
 * }</pre>
 */
public final class VaeCheckpoints {

    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{4,})\\.zip");

    private VaeCheckpoints() {}

    /** The file name of the checkpoint after {@code epoch} epochs: {@code checkpoint-0007.zip}. */
    public static String fileName(int epoch) {
        return String.format(java.util.Locale.ROOT, "checkpoint-%04d.zip", epoch);
    }

    /**
     * Writes the state atomically to {@code dir/checkpoint-<epoch>.zip}, then deletes the
     * checkpoints in {@code dir} older than the previous one (two are kept).
     *
     * @param dir an existing directory
     * @param info free-form text stored in the header's {@code info} object (e.g. the BLAS backend);
     *     not read back
     * @return the file written
     * @throws IOException if writing fails (an older checkpoint is then untouched)
     */
    public static Path write(Path dir, TrainingState state, Map<String, String> info) throws IOException {
        Path file = dir.resolve(fileName(state.epoch()));
        AtomicFiles.writeBytes(file, encode(state, info));
        for (Path old : list(dir)) {
            int e = epochOf(old);
            if (e < state.epoch() - 1) {
                Files.deleteIfExists(old);
            }
        }
        return file;
    }

    /**
     * The checkpoint files in {@code dir}, newest (highest epoch) first.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Integer.compare(epochOf(b), epochOf(a)));
        return out;
    }

    private static int epochOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The newest checkpoint of a run directory, or a given checkpoint file.
     *
     * @param dirOrFile a run directory (its newest {@code checkpoint-*.zip} is read) or one file
     * @return the state
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if there is no checkpoint, or the newest is damaged; the
     *     message names the damaged file, says what is wrong and, when the previous checkpoint is
     *     intact, names it and how to continue from it
     */
    public static TrainingState readLatest(Path dirOrFile) throws IOException {
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
                TrainingState s;
                try {
                    s = read(prev);
                } catch (IllegalArgumentException alsoDamaged) {
                    continue;
                }
                throw new IllegalArgumentException(
                        damaged.getMessage() + ". The previous checkpoint "
                                + prev + " (epoch " + s.epoch() + ") is intact: delete " + newest.getFileName()
                                + " or pass --resume " + prev + " to continue from epoch " + s.epoch(),
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
    public static TrainingState read(Path file) throws IOException {
        Inputs.requireReadableFile(file, "a checkpoint file (checkpoint-NNNN.zip)");
        return decode(Files.readAllBytes(file), file.toString());
    }

    // ------------------------------------------------------------------------------------------ encode

    /**
     * The bytes of a checkpoint file: {@link CheckpointFormat#encode} of {@link TrainingState#toCheckpoint()}.
     *
     * @param info free-form text for the header's {@code info} object
     */
    public static byte[] encode(TrainingState s, Map<String, String> info) {
        return CheckpointFormat.encode(s.toCheckpoint().withInfo(info));
    }

    // ------------------------------------------------------------------------------------------ decode

    /**
     * Parses the bytes of a checkpoint file (this format, or elbo4j 0.1's {@code elbo4j-vae-checkpoint}).
     *
     * @param source names the file in error messages
     * @throws IllegalArgumentException if the bytes are damaged, not a checkpoint of this version, or not a VAE
     *     checkpoint
     */
    public static TrainingState decode(byte[] bytes, String source) {
        Checkpoint c = CheckpointFormat.decode(bytes, source);
        try {
            return TrainingState.fromCheckpoint(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + source + " is damaged or not a checkpoint: " + e.getMessage(), e);
        }
    }
}
