/**
 * The Stan language on elbo4j: a Stan program (Stan Reference Manual, 2.33 and later) parsed, type-checked and
 * compiled once into a closure tree whose log density over the unconstrained parameters equals Stan's
 * {@code log_prob(upars, adjust_transform = TRUE)} up to an additive constant.
 */
package org.elbo4j.stan;
