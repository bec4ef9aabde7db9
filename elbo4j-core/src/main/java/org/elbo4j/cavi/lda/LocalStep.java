package org.elbo4j.cavi.lda;

import org.elbo4j.math.Special;

/**
 * The local (per-document) step of LDA's variational inference: with the topics' factor q(β) held fixed, the
 * coordinate-ascent updates of q(θ_d) = Dir(γ_d) and q(z_dn) = Cat(φ_dn) for one document, iterated until
 * γ_d settles, and the document's expected sufficient statistics for the topics.
 *
 * <p>Updates (Hoffman, Blei &amp; Bach 2010, Algorithm 2; Blei, Ng &amp; Jordan 2003, eqs. 6–7), for the
 * distinct words w of the document with counts n_w:
 * \[ \phi_{wk} \propto \exp(E[\log\theta_k] + E[\log\beta_{kw}]), \qquad
 *    \gamma_k = \alpha + \textstyle\sum_w n_w \phi_{wk}, \]
 * with E[log θ_k] = ψ(γ_k) − ψ(Σ_j γ_j). φ is never stored: with ẽθ_k = exp E[log θ_k], ẽβ_kw = exp E[log β_kw]
 * and φnorm_w = Σ_k ẽθ_k ẽβ_kw, φ_wk = ẽθ_k ẽβ_kw / φnorm_w (Hoffman's onlineldavb.py). The iteration stops when
 * the mean absolute change of γ falls below the tolerance or after the iteration budget. The sufficient
 * statistics added to {@code sstats} are s_kw += n_w φ_wk.
 *
 * <p>γ starts at α + N_d/K (Blei's lda-c), not at a random draw: the step is a pure function of the document
 * and the topics, so a retried or re-ordered computation gives the same bits.
 *
 * <blockquote>M. D. Hoffman, D. M. Blei, F. Bach. Online learning for latent Dirichlet allocation. NIPS 2010.<br>
 * D. M. Blei, A. Y. Ng, M. I. Jordan. Latent Dirichlet allocation. JMLR 3, 2003.</blockquote>
 */
public final class LocalStep {
    /** Added to φnorm as Hoffman's code does: a word whose every topic underflows must not divide by zero. */
    static final double TINY = 1e-100;

    private LocalStep() {}

    /**
     * exp(E[log β_kw]) = exp(ψ(λ_kw) − ψ(Σ_v λ_kv)) for every topic k and word w.
     *
     * @param lambda K × V, positive; not modified
     * @return K × V, new
     */
    public static double[][] expElogBeta(double[][] lambda) {
        double[][] out = new double[lambda.length][];
        for (int k = 0; k < lambda.length; k++) {
            double[] l = lambda[k];
            double s = 0;
            for (double v : l) s += v;
            double ps = Special.digamma(s);
            double[] o = new double[l.length];
            for (int w = 0; w < l.length; w++) o[w] = Math.exp(Special.digamma(l[w]) - ps);
            out[k] = o;
        }
        return out;
    }

    /**
     * Iterates the local updates of one document to the tolerance.
     *
     * @param doc           the document; its word ids must be below V
     * @param expElogBeta   K × V, exp E[log β]; not modified
     * @param alpha         the document–topic concentration α &gt; 0 (symmetric)
     * @param tolerance     stop when mean_k |Δγ_k| &lt; tolerance
     * @param maxIterations at most this many updates of γ (≥ 1)
     * @param sstats        K × V sufficient statistics to add n_w φ_wk to, or {@code null}. Modified.
     * @return γ, length K, new
     * @throws IllegalArgumentException if a word id is not below V
     */
    public static double[] infer(
            Document doc,
            double[][] expElogBeta,
            double alpha,
            double tolerance,
            int maxIterations,
            double[][] sstats) {
        int kk = expElogBeta.length, v = expElogBeta[0].length, n = doc.distinct();
        if (doc.maxId() >= v)
            throw new IllegalArgumentException(
                    "document has word id " + doc.maxId() + " but the vocabulary has " + v + " words");
        double[] eb = new double[n * kk]; // ẽβ of the document's words, word-major
        double[] cts = new double[n];
        for (int i = 0; i < n; i++) {
            int w = doc.id(i);
            cts[i] = doc.count(i);
            for (int k = 0; k < kk; k++) eb[i * kk + k] = expElogBeta[k][w];
        }
        double[] gamma = new double[kk];
        java.util.Arrays.fill(gamma, alpha + (double) doc.length() / kk);
        double[] et = new double[kk];
        double[] ratio = new double[n];
        double[] next = new double[kk];
        expElogTheta(gamma, et);
        phiNorm(et, eb, cts, ratio, kk);
        for (int it = 0; it < maxIterations; it++) {
            java.util.Arrays.fill(next, 0);
            for (int i = 0; i < n; i++) {
                double r = ratio[i];
                int o = i * kk;
                for (int k = 0; k < kk; k++) next[k] += r * eb[o + k];
            }
            double change = 0;
            for (int k = 0; k < kk; k++) {
                double g = alpha + et[k] * next[k];
                change += Math.abs(g - gamma[k]);
                gamma[k] = g;
            }
            expElogTheta(gamma, et);
            phiNorm(et, eb, cts, ratio, kk);
            if (change / kk < tolerance) break;
        }
        if (sstats != null) {
            for (int i = 0; i < n; i++) {
                int w = doc.id(i);
                int o = i * kk;
                for (int k = 0; k < kk; k++) sstats[k][w] += et[k] * ratio[i] * eb[o + k];
            }
        }
        return gamma;
    }

    /** ẽθ_k = exp(ψ(γ_k) − ψ(Σγ)). */
    static void expElogTheta(double[] gamma, double[] out) {
        double s = 0;
        for (double g : gamma) s += g;
        double ps = Special.digamma(s);
        for (int k = 0; k < gamma.length; k++) out[k] = Math.exp(Special.digamma(gamma[k]) - ps);
    }

    /** ratio_i = n_i / (Σ_k ẽθ_k ẽβ_{k,w_i} + TINY). */
    private static void phiNorm(double[] et, double[] eb, double[] cts, double[] ratio, int kk) {
        for (int i = 0; i < cts.length; i++) {
            double s = TINY;
            int o = i * kk;
            for (int k = 0; k < kk; k++) s += et[k] * eb[o + k];
            ratio[i] = cts[i] / s;
        }
    }

    /**
     * The document's part of the ELBO at the optimal φ for this γ, with log β given (a point estimate, or E[log β]
     * for the variational bound): E_q[log p(θ|α)] − E_q[log q(θ|γ)] + Σ_w n_w log Σ_k exp(E[log θ_k] + logβ_kw),
     * the last term being Σ_w n_w Σ_k φ_wk (E[log θ_k] + log β_kw − log φ_wk) at the optimal φ.
     *
     * @param logBeta K × V (log β, or E[log β]); not modified
     * @param gamma   length K, positive; not modified
     * @return the bound in nats
     */
    public static double documentBound(Document doc, double[][] logBeta, double alpha, double[] gamma) {
        int kk = gamma.length;
        double sg = 0;
        for (double g : gamma) sg += g;
        double psg = Special.digamma(sg);
        double[] elt = new double[kk];
        for (int k = 0; k < kk; k++) elt[k] = Special.digamma(gamma[k]) - psg;
        double b = 0;
        double[] t = new double[kk];
        for (int i = 0; i < doc.distinct(); i++) {
            int w = doc.id(i);
            for (int k = 0; k < kk; k++) t[k] = elt[k] + logBeta[k][w];
            b += doc.count(i) * Special.logSumExp(t, 0, kk);
        }
        // E_q[log Dir(θ|α)] − E_q[log Dir(θ|γ)]
        b += Special.lgamma(kk * alpha) - kk * Special.lgamma(alpha) - Special.lgamma(sg);
        for (int k = 0; k < kk; k++) b += (alpha - gamma[k]) * elt[k] + Special.lgamma(gamma[k]);
        return b;
    }
}
