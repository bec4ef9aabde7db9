package org.elbo4j.vae;

import java.util.Locale;

/**
 * The two SGVB estimators of the per-datapoint lower bound (Kingma &amp; Welling 2013, section 2.3), with
 * z<sup>(i,l)</sup> = μ<sup>(i)</sup> + σ<sup>(i)</sup> ⊙ ε<sup>(l)</sup>, ε<sup>(l)</sup> ~ N(0, I), l = 1..L:
 * <ul>
 *   <li>{@link #SAMPLED_KL}, estimator A (eq. 6): L̃<sup>A</sup> = (1/L) Σ<sub>l</sub> [log p(x<sup>(i)</sup>|z<sup>(i,l)</sup>)
 *       + log p(z<sup>(i,l)</sup>) − log q(z<sup>(i,l)</sup>|x<sup>(i)</sup>)];</li>
 *   <li>{@link #ANALYTIC_KL}, estimator B (eq. 7): L̃<sup>B</sup> = −KL(q(z|x<sup>(i)</sup>) ‖ N(0, I))
 *       + (1/L) Σ<sub>l</sub> log p(x<sup>(i)</sup>|z<sup>(i,l)</sup>), the KL in closed form (appendix B), usually of
 *       lower variance.</li>
 * </ul>
 * Both are unbiased for the same ELBO.
 */
public enum Estimator {
    /** Estimator B: analytic KL to the N(0, I) prior. */
    ANALYTIC_KL("analytic", "B"),
    /** Estimator A: the KL sampled with the same draws as the reconstruction term. */
    SAMPLED_KL("sampled", "A");

    private final String id;
    private final String paperName;

    Estimator(String id, String paperName) {
        this.id = id;
        this.paperName = paperName;
    }

    /** {@code analytic} or {@code sampled}. */
    public String id() {
        return id;
    }

    /** The paper's letter: B or A. */
    public String paperName() {
        return paperName;
    }

    /**
     * By name: {@code analytic} (or {@code B}), {@code sampled} (or {@code A}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Estimator byName(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT);
        for (Estimator e : values()) {
            if (e.id.equals(s) || e.paperName.toLowerCase(Locale.ROOT).equals(s)) return e;
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "'; choose analytic (B) or sampled (A)");
    }
}
