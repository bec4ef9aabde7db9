package org.elbo4j.cavi;

/**
 * The result of {@link Cavi#run}: the best restart's final state and ELBO trace, and the final ELBO of every
 * restart.
 *
 * @param <S> the model's state type
 */
public final class CaviFit<S extends CaviState> {
    private final S state;
    private final double[][] traces;
    private final double[] trace;
    private final boolean converged;
    private final int restart;
    private final double seconds;

    CaviFit(S state, double[][] traces, boolean converged, int restart, double seconds) {
        this.state = state;
        this.traces = traces;
        this.trace = traces[restart];
        this.converged = converged;
        this.restart = restart;
        this.seconds = seconds;
    }

    /** @return the best restart's final state (its factors are the fitted posterior); further sweeps modify it */
    public S state() {
        return state;
    }

    /** @return the ELBO of the initial factors followed by the ELBO after each sweep (length sweeps() + 1); a copy */
    public double[] elboTrace() {
        return trace.clone();
    }

    /** @return the final ELBO of the best restart */
    public double elbo() {
        return trace[trace.length - 1];
    }

    /** @return the number of sweeps of the best restart */
    public int sweeps() {
        return trace.length - 1;
    }

    /** @return true when the best restart stopped on the tolerance rather than the sweep budget */
    public boolean converged() {
        return converged;
    }

    /** @return the 0-based index of the best restart */
    public int restart() {
        return restart;
    }

    /** @return the final ELBO of each restart, in order; new */
    public double[] restartElbos() {
        double[] e = new double[traces.length];
        for (int r = 0; r < e.length; r++) e[r] = traces[r][traces[r].length - 1];
        return e;
    }

    /** @return the ELBO trace of restart r (0-based), as {@link #elboTrace()}; a copy */
    public double[] restartTrace(int r) {
        return traces[r].clone();
    }

    /** @return the number of restarts */
    public int restarts() {
        return traces.length;
    }

    /** @return the wall time of all restarts, in seconds */
    public double seconds() {
        return seconds;
    }
}
