/**
 * The built-in models of the command line: Java ports of Stan programs written with the public model API, each
 * with its Stan JSON data (its own default data when none is given), listed by {@code elbo4j models} and
 * registered in {@link org.elbo4j.cli.models.Models}.
 *
 * <pre>{@code
 * BuiltinModel m = Models.get("eight_schools_noncentered");
 * Model model = m.build(Models.defaultData(m));
 * Fit fit = Svi.of(model, AutoGuide.meanField(model)).run(Stop.after(5000));
 * fit.summary(1000, 1);    // theta_trans[1..8], mu, tau, theta[1..8]
 * }</pre>
 */
package org.elbo4j.cli.models;
