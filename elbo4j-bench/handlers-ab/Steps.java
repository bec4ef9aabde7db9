import org.elbo4j.distributions.*;
import org.elbo4j.infer.*;
import org.elbo4j.optim.*;
import org.elbo4j.tensor.Tensor;
/** One SVI run of eight schools (non-centred), mean-field; loaded once per version by Interleave. */
public class Steps {
    static final Tensor Y = Tensor.of(28, 8, -3, 7, -1, 1, 18, 12), SIGMA = Tensor.of(15, 10, 16, 11, 9, 11, 10, 18);
    static final Model M = s -> {
        Tensor mu = s.sample("mu", Normal.of(0, 5));
        Tensor tau = s.sample("tau", HalfCauchy.of(5));
        Tensor eta = s.sample("eta", Normal.standard(8));
        try (Plate p = s.plate("schools", 8)) {
            s.observe("y", Normal.of(mu.add(tau.mul(eta)), SIGMA), Y);
        }
    };
    public static double run(String est, long steps, long seed) {
        Fit f = Svi.of(M, AutoGuide.meanField(M)).estimator(Elbo.byName(est, 1)).optimizer(Adam.of(0.01)).seed(seed)
                .run(Stop.after(steps).evaluateEvery(Integer.MAX_VALUE, 10));
        return f.param("mu_loc").item();
    }
}
