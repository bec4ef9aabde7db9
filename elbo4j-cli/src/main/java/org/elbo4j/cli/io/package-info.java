/**
 * Files in and out: Stan JSON data ({@link org.elbo4j.cli.io.StanJsonData}), numeric CSV
 * ({@link org.elbo4j.cli.io.CsvData}), MNIST IDX ({@link org.elbo4j.cli.io.Idx}), draws in CmdStan's
 * CSV layout ({@link org.elbo4j.cli.io.CmdStanCsv}), and write-then-rename
 * ({@link org.elbo4j.cli.io.AtomicFiles}). Readers throw {@link java.io.IOException} when a file
 * cannot be read and {@link IllegalArgumentException} naming the file, line or variable and the
 * value when its content is wrong. Arrays are row-major, as in elbo4j-core's tensors.
 *
 * <pre>{@code
 * StanJsonData d = StanJsonData.read(dir.resolve("eight_schools/data.json"));
 * int J = d.requireInt("J");
 * double[] y = d.requireVector("y", J), sigma = d.requireVector("sigma", J);
 * Idx.Images train = Idx.readImages(dir.resolve("mnist10k-images-idx3-ubyte.gz"));
 * AtomicFiles.writeString(dir.resolve("summary.txt"), "J = " + J + ", images = " + train.count());
 * }</pre>
 */
package org.elbo4j.cli.io;
