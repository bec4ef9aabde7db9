/**
 * Latent Dirichlet allocation by stochastic variational inference (Hoffman, Blei, Wang &amp; Paisley 2013;
 * Hoffman, Blei &amp; Bach 2010): documents as sparse bags of words ({@link org.elbo4j.cavi.lda.Document}), the
 * per-document CAVI step ({@link org.elbo4j.cavi.lda.LocalStep}), natural-gradient steps on the topics with
 * ρ_t = (τ₀ + t)^(−κ) ({@link org.elbo4j.cavi.lda.LdaTopics}), the single-machine loop
 * ({@link org.elbo4j.cavi.lda.OnlineLda}), the held-out per-word log-likelihood by document completion
 * ({@link org.elbo4j.cavi.lda.HeldOut}) and a synthetic corpus generator ({@link org.elbo4j.cavi.lda.SyntheticLda}).
 * The local and global steps are separate public functions so that a cluster engine (elbo4j-spark) runs the
 * local steps on its workers and sums their sufficient statistics.
 *
 * <pre>{@code
 * SyntheticLda.Corpus c = SyntheticLda.generate(SyntheticLda.blockTopics(4, 40, 0.05), 2000, 0.5, 60, 7);
 * LdaTopics topics = OnlineLda.topics(4).tau0(1).batchSize(100).passes(5).seed(1).fit(c.documents(), 40);
 * topics.topWords(0, 5);                                    // the five most probable words of topic 0
 * HeldOut.documentCompletion(topics, c.documents().subList(0, 200), 0.5, 1, 1e-3, 100).perWord();
 * }</pre>
 */
package org.elbo4j.cavi.lda;
