package org.elbo4j.cli;

import org.elbo4j.optim.AdaGrad;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Momentum;
import org.elbo4j.optim.Optimizer;
import org.elbo4j.optim.RmsProp;
import org.elbo4j.optim.Sgd;
import org.elbo4j.optim.StanAdaptiveStep;

/** The optimizers selectable on the command line. */
final class Optimizers {
    private Optimizers() {}

    static final String NAMES = "adam, adagrad, rmsprop, momentum, sgd, stan";

    /**
     * @throws IllegalArgumentException listing the names when {@code name} is unknown
     */
    static Optimizer byName(String name, double lr) {
        return switch (name) {
            case "adam" -> Adam.of(lr);
            case "adagrad" -> AdaGrad.of(lr);
            case "rmsprop" -> RmsProp.of(lr);
            case "momentum" -> Momentum.of(lr);
            case "sgd" -> Sgd.of(lr);
            case "stan" -> StanAdaptiveStep.of(lr);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; choose one of " + NAMES);
        };
    }
}
