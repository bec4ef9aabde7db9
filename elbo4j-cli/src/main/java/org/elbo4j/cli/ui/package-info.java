/**
 * Terminal output for long runs: {@link org.elbo4j.cli.ui.ProgressBar} redraws one line in place on
 * a terminal and prints plain lines every N % in logs and CI.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.forStderr("fit", 10_000)) {
 *   for (int t = 1; t <= 10_000; t++) {
 *     double elbo = step();
 *     bar.update(t, () -> String.format("ELBO %.1f", elbo));
 *   }
 * }
 * }</pre>
 */
package org.elbo4j.cli.ui;
