/**
 * elbo4j on Apache Spark: data-parallel stochastic variational inference for models with global latent variables and
 * a likelihood over the rows of a data set ({@link org.elbo4j.spark.SparkSvi}, data from
 * {@link org.elbo4j.spark.SparkRows}), LDA by stochastic variational inference ({@link org.elbo4j.spark.SparkLda}),
 * atomic checkpoints on any Hadoop-compatible file system ({@link org.elbo4j.spark.Checkpoint}) and a driver program
 * ({@link org.elbo4j.spark.Demo}). Spark is a provided dependency: nothing of it reaches elbo4j-core.
 *
 * <pre>{@code
 * SparkRows rows = SparkRows.of(spark.read().parquet("rows.parquet"), LogisticRows.columns(20), BadRows.FAIL);
 * Model prior = LogisticRows.prior(20);
 * SparkSvi.Result r = SparkSvi.of(prior, LogisticRows.likelihood(20), AutoGuide.meanField(prior))
 *     .optimizer(Adam.of(0.05)).batchSize(10_000).seed(1).checkpoint("hdfs:///runs/lr", 100).run(rows, 2000);
 * r.constrained("w_loc");
 * }</pre>
 */
package org.elbo4j.spark;
