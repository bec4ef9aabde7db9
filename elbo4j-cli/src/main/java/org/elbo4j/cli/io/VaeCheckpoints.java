package org.elbo4j.cli.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    private VaeCheckpoints() {}

    /** The file name of the checkpoint after {@code epoch} epochs: {@code checkpoint-0007.zip}. */
    public static String fileName(int epoch) {
        return CheckpointFiles.fileName(epoch);
    }

    /**
     * Writes the state atomically to {@code dir/checkpoint-<epoch>.zip}, then deletes the checkpoints in {@code dir}
     * older than the previous one (two are kept).
     *
     * @param dir an existing directory
     * @param info free-form text stored in the header's {@code info} object (e.g. the BLAS backend); not read back
     * @return the file written
     * @throws IOException if writing fails (an older checkpoint is then untouched)
     */
    public static Path write(Path dir, TrainingState state, Map<String, String> info) throws IOException {
        return CheckpointFiles.write(dir, state.toCheckpoint().withInfo(info));
    }

    /**
     * The checkpoint files in {@code dir}, newest (highest epoch) first.
     *
     * @throws IOException if the directory cannot be listed
     */
    public static List<Path> list(Path dir) throws IOException {
        return CheckpointFiles.list(dir);
    }

    /**
     * The newest checkpoint of a run directory, or a given checkpoint file.
     *
     * @param dirOrFile a run directory (its newest {@code checkpoint-*.zip} is read) or one file
     * @return the state
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if there is no checkpoint, or the newest is damaged (see
     *     {@link CheckpointFiles#readLatest}), or it is not a VAE checkpoint
     */
    public static TrainingState readLatest(Path dirOrFile) throws IOException {
        return vae(CheckpointFiles.readLatest(dirOrFile, "epoch"), dirOrFile.toString());
    }

    /**
     * Reads one checkpoint file.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is damaged or not a VAE checkpoint (naming the file)
     */
    public static TrainingState read(Path file) throws IOException {
        return vae(CheckpointFiles.read(file), file.toString());
    }

    private static TrainingState vae(Checkpoint c, String source) {
        try {
            return TrainingState.fromCheckpoint(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "checkpoint " + source + " is damaged or not a checkpoint: " + e.getMessage(), e);
        }
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
        return vae(CheckpointFormat.decode(bytes, source), source);
    }
}
