/**
 * Checkpoints: the state of a run (settings, parameters, optimizer state, random-stream states, the run's counters
 * and histories) as one value, {@link org.elbo4j.checkpoint.Checkpoint}, and one documented file format for it,
 * {@link org.elbo4j.checkpoint.CheckpointFormat} (a zip of a JSON header and one little-endian float64 array;
 * {@code docs/checkpoint-format.md}). {@link org.elbo4j.infer.Svi} and {@link org.elbo4j.vae.VaeTrainer} save and
 * resume through it, bit for bit. The codec works on bytes and streams: core reads and writes no files; the caller
 * (the CLI) writes atomically. Depends on {@code tensor}, {@code optim} and {@code random} only.
 *
 * <pre>{@code
 * ParamStore p = new ParamStore();
 * p.put("w", Tensor.of(1.0, 2.0));
 * Checkpoint c = new Checkpoint("mine", 7, Map.of("lr", "0.1"), p.asMap(), Sgd.of(0.1).saveState(),
 *         Map.of(), Map.of(), Map.of(), Map.of());
 * Checkpoint back = CheckpointFormat.decode(CheckpointFormat.encode(c), "mem");  // back.step() == 7
 * }</pre>
 */
package org.elbo4j.checkpoint;
