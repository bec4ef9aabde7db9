package org.elbo4j.cli.models;

import org.elbo4j.cli.io.StanJsonData;
import org.elbo4j.infer.Model;

/**
 * A model that ships with the command line: a Java port of a Stan program, with its data read from Stan JSON
 * (the model's own default data when the user gives none).
 */
public interface BuiltinModel {
    /** The name on the command line, e.g. {@code eight_schools_noncentered}. */
    String name();

    /** One line for {@code elbo4j models}. */
    String description();

    /** Class-path resource of the default data, or {@code null} when data must be given. */
    String defaultData();

    /**
     * The model for this data.
     *
     * @throws IllegalArgumentException naming the data file and variable when the data does not fit
     */
    Model build(StanJsonData data);

    /**
     * A hand-written guide for this data, for a model an auto-guide cannot fit (discrete latent sites); {@code null}
     * (the default) when the auto-guides serve. {@code elbo4j gradients} uses it; {@code elbo4j fit} does not.
     */
    default Model guide(StanJsonData data) {
        return null;
    }
}
