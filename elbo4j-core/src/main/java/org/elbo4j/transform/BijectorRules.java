package org.elbo4j.transform;

/** The built-in constraint → transform rules beyond real and positive. */
final class BijectorRules {
    private BijectorRules() {}

    static void registerDefaults() {
        // Filled in as the transforms land: greaterThan (exp + shift), interval (scaled sigmoid), simplex
        // (stick-breaking), lowerCholesky, correlationCholesky, positiveDefinite.
    }
}
