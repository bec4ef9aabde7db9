package org.elbo4j.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.elbo4j.optim.OptimizerState;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Everything a run needs to continue bit for bit after {@code step} steps, as a value: the settings it was started
 * with (checked on resume), the parameters by name, the optimizer's state, the states of its random streams and the
 * run's own counters and histories. {@link CheckpointFormat} writes it as a zip of a JSON header and one float64
 * array ({@code docs/checkpoint-format.md}); never Java serialization.
 *
 * <pre>{@code
 * Checkpoint c = new Checkpoint("svi", 100, Map.of("seed", "1"), params.asMap(), Adam.of(0.01).saveState(),
 *         Map.of("step", RandomStream.of(1).state()), Map.of(), Map.of(), Map.of());
 * byte[] bytes = CheckpointFormat.encode(c);              // the caller writes them (atomically) where it likes
 * Checkpoint back = CheckpointFormat.decode(bytes, "mem"); // equal parameters, bit for bit
 * back.requireSettings(Map.of("seed", "1"));               // throws, naming the setting, if one differs
 * }</pre>
 *
 * @param kind      what wrote it: {@code "svi"} ({@link org.elbo4j.infer.Svi}), {@code "vae"}
 *                  ({@link org.elbo4j.vae.VaeTrainer}), or a caller's own word; a reader refuses another kind
 * @param step      steps (epochs for {@code "vae"}) completed, ≥ 0
 * @param settings  the settings that must match on resume (model, data digest, estimator, seed, ...), as text
 * @param params    the parameters by name (unconstrained values), in the store's order
 * @param optimizer the optimizer's {@link org.elbo4j.optim.Optimizer#saveState()}
 * @param rng       the random streams' states by role (e.g. {@code "step"}, {@code "eval"}, {@code "train"})
 * @param scalars   the run's own numbers (counters, the chosen step size, ...); NaN and ±∞ allowed
 * @param tensors   the run's own arrays (ELBO trace, iterate average, ...); NaN and ±∞ allowed
 * @param info      free text, written but never checked (BLAS backend, version)
 */
public record Checkpoint(
        String kind,
        long step,
        Map<String, String> settings,
        Map<String, Tensor> params,
        OptimizerState optimizer,
        Map<String, RandomStream.State> rng,
        Map<String, Double> scalars,
        Map<String, Tensor> tensors,
        Map<String, String> info) {

    /**
     * Copies the maps (keeping their order) and makes them unmodifiable.
     *
     * @throws IllegalArgumentException if {@code step} is negative or {@code kind} is empty
     * @throws NullPointerException     if a component is null
     */
    public Checkpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(optimizer, "optimizer");
        if (kind.isEmpty()) throw new IllegalArgumentException("Checkpoint: kind must not be empty");
        if (step < 0) throw new IllegalArgumentException("Checkpoint: step must be >= 0, got " + step);
        settings = copy(settings);
        params = copy(params);
        rng = copy(rng);
        scalars = copy(scalars);
        tensors = copy(tensors);
        info = copy(info);
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** This checkpoint with {@code info} as its free text. */
    public Checkpoint withInfo(Map<String, String> newInfo) {
        return new Checkpoint(kind, step, settings, params, optimizer, rng, scalars, tensors, newInfo);
    }

    /** This checkpoint with {@code more} added to (or replacing) its settings. */
    public Checkpoint withSettings(Map<String, String> more) {
        LinkedHashMap<String, String> s = new LinkedHashMap<>(settings);
        s.putAll(more);
        return new Checkpoint(kind, step, s, params, optimizer, rng, scalars, tensors, info);
    }

    /**
     * The first setting of {@code expected} that this checkpoint does not have with the same text, as one line
     * ({@code "seed: the checkpoint has 1, this run 2"}), or empty when all match. Settings the checkpoint has and
     * {@code expected} lacks are not compared.
     */
    public Optional<String> settingsDifference(Map<String, String> expected) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String saved = settings.get(e.getKey());
            if (!Objects.equals(saved, e.getValue())) {
                return Optional.of(e.getKey() + ": the checkpoint has " + (saved == null ? "no such setting" : saved)
                        + ", this run " + e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that every setting of {@code expected} matches (see {@link #settingsDifference}).
     *
     * @throws IllegalArgumentException naming the first setting that differs and both values
     */
    public void requireSettings(Map<String, String> expected) {
        Optional<String> d = settingsDifference(expected);
        if (d.isPresent()) throw new IllegalArgumentException("cannot resume from this checkpoint: " + d.get());
    }

    /**
     * A run scalar.
     *
     * @throws IllegalArgumentException naming it if absent
     */
    public double scalar(String name) {
        Double v = scalars.get(name);
        if (v == null) throw new IllegalArgumentException("checkpoint has no run scalar '" + name + "'");
        return v;
    }

    /**
     * A run tensor.
     *
     * @throws IllegalArgumentException naming it if absent
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("checkpoint has no run tensor '" + name + "'");
        return t;
    }

    /**
     * A random stream's state.
     *
     * @throws IllegalArgumentException naming it if absent
     */
    public RandomStream.State rngState(String role) {
        RandomStream.State s = rng.get(role);
        if (s == null) throw new IllegalArgumentException("checkpoint has no random stream '" + role + "'");
        return s;
    }
}
