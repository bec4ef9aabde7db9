package org.elbo4j.cavi;

/**
 * The result of {@link Cavi#run}: the best restart's final state and ELBO trace, and the final ELBO of every
 * restart.
 *
 * @param <S> the model's state type
 */
public final class CaviFit<S extends CaviState> {
    private final S state;
    private final double[] trace, restartElbos;
    private final int[] restartSweeps;
    private final boolean converged;
    private final int restart;
    private final double seconds;

    CaviFit(S state, double[] trace, boolean converged, int restart, double[] restartElbos, int[] restartSweeps, double seconds) {
        this.state = state;
        this.trace = trace;
        this.converged = converged;
        this.restart = restart;
        this.restartElbos = restartElbos;
        this.restartSweeps = restartSweeps;
        this.seconds = seconds;
    }

    /** @return the best restart's final state (its factors are the fitted posterior); further sweeps modify it */
    public S state() { return state; }

    /** @return the ELBO of the initial factors followed by the ELBO after each sweep (length sweeps() + 1); a copy */
    public double[] elboTrace() { return trace.clone(); }

    /** @return the final ELBO of the best restart */
    public double elbo() { return trace[trace.length - 1]; }

    /** @return the number of sweeps of the best restart */
    public int sweeps() { return trace.length - 1; }

    /** @return true when the best restart stopped on the tolerance rather than the sweep budget */
    public boolean converged() { return converged; }

    /** @return the 0-based index of the best restart */
    public int restart() { return restart; }

    /** @return the final ELBO of each restart, in order; a copy */
    public double[] restartElbos() { return restartElbos.clone(); }

    /** @return the number of sweeps of each restart, in order; a copy */
    public int[] restartSweeps() { return restartSweeps.clone(); }

    /** @return the wall time of all restarts, in seconds */
    public double seconds() { return seconds; }
}
