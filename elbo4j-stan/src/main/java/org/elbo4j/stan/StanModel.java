package org.elbo4j.stan;

import java.util.List;
import java.util.function.Consumer;
import org.elbo4j.infer.Model;
import org.elbo4j.random.RandomStream;
import org.elbo4j.stan.compile.ModelRuntime;
import org.elbo4j.stan.compile.StanSites;
import org.elbo4j.tensor.Tensor;

/**
 * A Stan program bound to data: the log density over the unconstrained parameters (Stan's
 * {@code log_prob(upars, adjust_transform = TRUE)} up to a constant), the constrained values and generated
 * quantities of a draw, and an elbo4j {@link Model} for the SVI machinery.
 */
public final class StanModel {
    private final StanProgram program;
    private final ModelRuntime rt;

    StanModel(StanProgram program, org.elbo4j.stan.compile.CompiledProgram compiled, StanData data, long seed) {
        this.program = program;
        this.rt = ModelRuntime.create(compiled, data.values(), seed, null);
    }

    /** Number of unconstrained parameters (Stan's {@code get_num_upars}). */
    public int unconstrainedSize() {
        return rt.unconstrainedSize();
    }

    /**
     * The log density with the Jacobian adjustment at {@code upars} (shape [D]); differentiable through the
     * elbo4j tape.
     *
     * @throws StanRejectException when the program rejects at this point
     */
    public Tensor logDensity(Tensor upars) {
        return rt.logDensity(upars);
    }

    /**
     * The output values of one draw: parameters, transformed parameters and generated quantities, in the
     * order of {@link #outputNames()}.
     *
     * @param seed the seed of the generated quantities' random numbers
     */
    public double[] constrain(double[] upars, long seed) {
        return rt.constrain(upars, RandomStream.of(seed));
    }

    /** Output names in CmdStan's order, Stan's element syntax ({@code theta[1]}). */
    public List<String> outputNames() {
        return rt.outputNames();
    }

    /** The runtime (parameter layout, variables and their sizes). */
    public ModelRuntime runtime() {
        return rt;
    }

    /** Where {@code print(...)} output goes; discarded by default. */
    public StanModel printTo(Consumer<String> out) {
        rt.printer(out);
        return this;
    }

    /**
     * The model as an elbo4j {@link Model}: one latent site per Stan parameter over its unconstrained values
     * (an improper flat distribution), the log density added with {@code factor}, and deterministic sites with
     * the constrained parameters, transformed parameters and (outside gradient evaluations) generated
     * quantities under their Stan names. A rejection makes the log density −∞ for that draw.
     */
    public Model asModel() {
        return new StanSites(rt)::run;
    }

    /** The program. */
    public StanProgram program() {
        return program;
    }
}
