package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elbo4j.distributions.Delta;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.distributions.LowRankMultivariateNormal;
import org.elbo4j.distributions.MultivariateNormal;
import org.elbo4j.distributions.Normal;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Bijectors;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;
import org.elbo4j.transform.Transform;

/**
 * Automatic guides in the manner of ADVI (Kucukelbir et al. 2017): every latent site of the model is mapped to
 * unconstrained space by the default transform of its support, all of them are concatenated into one vector
 * ζ ∈ ℝ^D, and q(ζ) is a Gaussian — diagonal (mean-field), with a full Cholesky factor (full-rank), or with a
 * low-rank-plus-diagonal covariance W·Wᵀ + diag(d) (low-rank: O(D·k) parameters where full rank needs D², for large D)
 * — or a point mass (delta: the ELBO is then log p(x, T(ζ)) + log|det J|, and fitting it finds the MAP estimate on
 * the unconstrained scale, which is the Laplace mode; no posterior uncertainty).
 *
 * <p>A run draws ζ once (an auxiliary site {@code _auto_latent}) and then, for each latent site, records
 * θ = T(ζ_site) as a point mass carrying log density −log|det J_T(ζ_site)|, so that
 * log q(θ) = log q(ζ) − Σ log|det J|. The ELBO is then Stan's
 * E_q[log p(x, T(ζ)) + log|det J_T(ζ)|] + H[q(ζ)].
 *
 * <p>Parameters: mean-field uses {@code "{site}_loc"} (real) and {@code "{site}_scale"} (positive, stored as
 * ω = log σ as in Stan) per site; full-rank uses {@code "auto_loc"} [D] and {@code "auto_scale_tril"} [D, D];
 * low-rank {@code "auto_loc"} [D], {@code "auto_cov_factor"} [D, k] (W, started at small fixed pseudo-random values:
 * at W = 0 its gradient vanishes) and {@code "auto_cov_diag"} [D] (positive); delta only {@code "auto_loc"} [D].
 * Initialisation follows Stan ADVI: loc = 0 on the unconstrained scale (or the user's values), σ = 1
 * (L = I); both are configurable.
 *
 * <p><b>Preconditioning.</b> {@link #precondition(Tensor, Tensor)} moves q to coordinates ξ with ζ = c + A·ξ (A
 * diagonal for mean-field, lower-triangular for full-rank), e.g. c the mode and A the scale of a Laplace
 * approximation ({@link LaplaceApproximation}). The family of q(ζ) is unchanged — a diagonal A keeps it mean-field — but the
 * guide's parameters ({@code _loc}, {@code _scale}, {@code auto_loc}, {@code auto_scale_tril}) then describe
 * q(ξ), start at ξ ~ N(0, I), i.e. q(ζ) = N(c, AAᵀ), and every coordinate has a posterior scale near 1, which
 * is what a first-order optimizer with one learning rate (Adam moves each coordinate by about the learning
 * rate per step) needs when the posterior's scales span orders of magnitude.
 * log q(ζ) = log q(ξ) − log|det A|.
 *
 * <p>{@link #logDensity(Tensor)} is the model's log density on the unconstrained scale, for mode finding.
 *
 * <pre>{@code
 * AutoGuide guide = AutoGuide.meanField(model);
 * guide.latents();                      // [mu [] real, tau [] positive, theta_trans [8] real]
 * Fit fit = Svi.of(model, guide).run(Stop.after(5000));
 * }</pre>
 */
public final class AutoGuide implements Model {
    /** The Gaussian family of q(ζ). */
    public enum Family {
        MEAN_FIELD,
        FULL_RANK,
        LOW_RANK,
        DELTA
    }

    /** A latent site as the guide sees it. */
    public record Latent(
            String name,
            Shape shape,
            Constraint support,
            Transform transform,
            Shape unconstrainedShape,
            int offset,
            int size,
            String locName,
            String scaleName) {
        @Override
        public String toString() {
            return name + " " + shape + " " + support.name();
        }
    }

    /** The name of the auxiliary joint latent site. */
    public static final String LATENT_SITE = "_auto_latent";

    private final Model model;
    private final Family family;
    private final List<Latent> latents;
    private final int dim;
    private final int rank;
    private final Map<String, Tensor> initLoc = new HashMap<>();
    private double initScale = 1.0;
    private Tensor shift; // c, [D], or null when not preconditioned
    private Tensor precond; // A: [D] (diagonal) or [D, D] (lower-triangular)
    private double logDetPrecond;

    private AutoGuide(Model model, Family family, int rank) {
        this.model = model;
        this.family = family;
        this.rank = rank;
        this.latents = discover(model);
        int d = 0;
        for (Latent l : latents) d += l.size();
        this.dim = d;
    }

    /** A diagonal Gaussian over the unconstrained latents. */
    public static AutoGuide meanField(Model model) {
        return new AutoGuide(model, Family.MEAN_FIELD, 0);
    }

    /** A full-covariance Gaussian over the unconstrained latents. */
    public static AutoGuide fullRank(Model model) {
        return new AutoGuide(model, Family.FULL_RANK, 0);
    }

    /**
     * A Gaussian with covariance W·Wᵀ + diag(d), W of shape [D, k], over the unconstrained latents.
     *
     * @throws IllegalArgumentException unless rank ≥ 1
     */
    public static AutoGuide lowRank(Model model, int rank) {
        if (rank < 1) throw new IllegalArgumentException("AutoGuide.lowRank: rank must be >= 1, got " + rank);
        return new AutoGuide(model, Family.LOW_RANK, rank);
    }

    /** A point mass at {@code auto_loc} on the unconstrained scale: fitting it finds the MAP estimate (with Jacobian). */
    public static AutoGuide delta(Model model) {
        return new AutoGuide(model, Family.DELTA, 0);
    }

    /**
     * The guide of {@code family}.
     *
     * @param rank used by {@link Family#LOW_RANK} only
     */
    public static AutoGuide of(Model model, Family family, int rank) {
        return switch (family) {
            case MEAN_FIELD -> meanField(model);
            case FULL_RANK -> fullRank(model);
            case LOW_RANK -> lowRank(model, Math.min(rank, Math.max(1, new AutoGuide(model, Family.DELTA, 0).dim())));
            case DELTA -> delta(model);
        };
    }

    /**
     * The initial σ (mean-field) or the initial diagonal of L (full-rank).
     *
     * @implSpec 1.0, as Stan ADVI (ω = 0).
     */
    public AutoGuide initScale(double s) {
        if (!(s > 0) || Double.isInfinite(s))
            throw new IllegalArgumentException("initScale must be > 0 and finite, got " + s);
        this.initScale = s;
        return this;
    }

    /**
     * Starts the guide's mean at a constrained value of a site (e.g. from the user or a MAP estimate).
     *
     * @throws IllegalArgumentException if no such latent, the shape differs or the value violates the support
     */
    public AutoGuide initValue(String site, Tensor constrainedValue) {
        if (shift != null)
            throw new IllegalArgumentException(
                    "initValue('" + site + "'): the guide is preconditioned; its centre is the start");
        Latent l = latent(site);
        if (!constrainedValue.shape().equals(l.shape())) {
            throw new IllegalArgumentException(
                    "initValue('" + site + "'): shape " + constrainedValue.shape() + ", the site has " + l.shape());
        }
        if (!l.support().contains(constrainedValue)) {
            throw new IllegalArgumentException(
                    "initValue('" + site + "'): value " + constrainedValue + " is outside the support " + l.support());
        }
        initLoc.put(site, l.transform().inverse(constrainedValue).detach());
        return this;
    }

    /**
     * Preconditions the guide: q lives on ξ with ζ = {@code center} + A·ξ, A = {@code scale} (see the class doc).
     * The guide's parameters then start at ξ ~ N(0, I) (times {@link #initScale}).
     *
     * @param center c, shape [D], finite, on the unconstrained scale
     * @param scale  A: shape [D], entries > 0 (a diagonal); or, for a full-rank guide only, [D, D]
     *               lower-triangular with a positive diagonal
     * @return this
     * @throws IllegalArgumentException if a shape does not fit, a value is out of range, a mean-field guide gets a
     *                                  matrix, or initial values were set with {@link #initValue}
     */
    public AutoGuide precondition(Tensor center, Tensor scale) {
        if (!initLoc.isEmpty())
            throw new IllegalArgumentException(
                    "precondition: initial values were set with initValue; use one or the other");
        if (!center.shape().equals(Shape.of(dim))) {
            throw new IllegalArgumentException(
                    "precondition: center must have shape [" + dim + "], got " + center.shape());
        }
        if (!center.allFinite()) throw new IllegalArgumentException("precondition: center is not finite: " + center);
        double logDet = 0;
        if (scale.rank() == 1 && scale.dim(0) == dim) {
            for (int i = 0; i < dim; i++) {
                if (!(scale.at(i) > 0) || Double.isInfinite(scale.at(i))) {
                    throw new IllegalArgumentException(
                            "precondition: scale[" + i + "] must be > 0 and finite, got " + scale.at(i));
                }
                logDet += Math.log(scale.at(i));
            }
        } else if (scale.rank() == 2 && scale.dim(0) == dim && scale.dim(1) == dim) {
            if (family != Family.FULL_RANK) {
                throw new IllegalArgumentException("precondition: a "
                        + family.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                        + " guide takes a diagonal scale [" + dim + "]; only a full-rank guide takes a matrix");
            }
            if (!Constraints.LOWER_CHOLESKY.contains(scale)) {
                throw new IllegalArgumentException(
                        "precondition: scale must be lower-triangular with a positive, finite diagonal");
            }
            for (int i = 0; i < dim; i++) logDet += Math.log(scale.get(i, i));
        } else {
            throw new IllegalArgumentException("precondition: scale must have shape [" + dim + "] or [" + dim + ", "
                    + dim + "], got " + scale.shape());
        }
        this.shift = center.detach();
        this.precond = scale.detach();
        this.logDetPrecond = logDet;
        return this;
    }

    /**
     * The model's log joint density on the unconstrained scale,
     * log p(x, T(ζ)) + log|det J_T(ζ)| (Stan's {@code log_prob} with the Jacobian), differentiable in ζ. Sites
     * inside subsampled plates are subsampled (with a fixed seed), model parameters take their stored or initial
     * values.
     *
     * @param zeta shape [D], the latents concatenated in {@link #latents()} order
     * @return a scalar
     * @throws IllegalArgumentException if the shape is not [D]
     */
    public Tensor logDensity(Tensor zeta) {
        if (!zeta.shape().equals(Shape.of(dim))) {
            throw new IllegalArgumentException("logDensity: zeta must have shape [" + dim + "], got " + zeta.shape());
        }
        Trace g = new Trace();
        Tensor jac = null;
        for (Latent l : latents) {
            Tensor z = zeta.flatSlice(l.offset(), l.offset() + l.size(), l.unconstrainedShape());
            Tensor theta = l.transform().forward(z);
            Tensor ladj = l.transform().logAbsDetJacobian(z, theta);
            ladj = ladj.rank() == 0 ? ladj : ladj.sum();
            g.add(new Site(
                    l.name(),
                    Site.Kind.SAMPLE,
                    Delta.of(theta, ladj.neg(), theta.rank()),
                    theta,
                    ladj.neg(),
                    true,
                    1.0,
                    false));
            jac = jac == null ? ladj : jac.add(ladj);
        }
        Trace m = TraceRunner.model(
                model, new ParamBinder(new ParamStore(), null, new HashMap<>()), RandomStream.of(0), g);
        return m.logJoint().add(jac);
    }

    /** The family. */
    public Family family() {
        return family;
    }

    /** The rank k of a low-rank guide (0 for the other families). */
    public int rank() {
        return rank;
    }

    /** The latent sites, in the order the model declares them. */
    public List<Latent> latents() {
        return Collections.unmodifiableList(latents);
    }

    /** D, the total unconstrained dimension. */
    public int dim() {
        return dim;
    }

    /** The latent named {@code site}. */
    public Latent latent(String site) {
        for (Latent l : latents) if (l.name().equals(site)) return l;
        throw new IllegalArgumentException("the model has no latent site '" + site + "'; latents: " + latents);
    }

    private static List<Latent> discover(Model model) {
        Trace t =
                TraceRunner.prior(model, new ParamBinder(new ParamStore(), null, new HashMap<>()), RandomStream.of(0));
        List<Latent> out = new ArrayList<>();
        int off = 0;
        for (Site s : t.latents()) {
            Constraint c = s.dist().support();
            if (c.isDiscrete()) {
                throw new IllegalArgumentException("auto-guide: latent site '" + s.name() + "' is discrete ("
                        + s.dist().name()
                        + "); a Gaussian guide cannot cover it — write a guide by hand or marginalise it out");
            }
            if (s.scale() != 1.0) {
                throw new IllegalArgumentException("auto-guide: latent site '" + s.name()
                        + "' sits in a subsampled plate; " + "local latents need an amortized guide written by hand");
            }
            Transform tr = Bijectors.bijectTo(c);
            Shape us = tr.inverseShape(s.value().shape());
            out.add(new Latent(
                    s.name(), s.value().shape(), c, tr, us, off, us.size(), s.name() + "_loc", s.name() + "_scale"));
            off += us.size();
        }
        if (out.isEmpty()) throw new IllegalArgumentException("auto-guide: the model has no latent sites");
        return out;
    }

    @Override
    public void run(Sites s) {
        if (!(s instanceof HandlerStack r)) {
            throw new IllegalStateException(
                    "an AutoGuide runs only under elbo4j's handler stack (Handlers.run, Svi), not "
                            + s.getClass().getName());
        }
        Tensor zeta = switch (family) {
            case MEAN_FIELD -> meanFieldLatent(r);
            case FULL_RANK -> fullRankLatent(r);
            case LOW_RANK -> lowRankLatent(r);
            case DELTA ->
                r.sampleAuxiliary(LATENT_SITE, Delta.of(r.param("auto_loc", this::initLocVector, Constraints.REAL)));
        };
        if (shift != null) zeta = shift.add(precond.rank() == 1 ? precond.mul(zeta) : precond.matmul(zeta));
        boolean first = true;
        for (Latent l : latents) {
            Tensor z = zeta.flatSlice(l.offset(), l.offset() + l.size(), l.unconstrainedShape());
            Tensor theta = l.transform().forward(z);
            Tensor ladj = l.transform().logAbsDetJacobian(z, theta);
            Tensor logDensity = org.elbo4j.tensor.FusedOps.negTotal(ladj);
            // log q(ζ) = log q(ξ) − log|det A|: carried by the first latent's point mass
            if (first && shift != null) logDensity = logDensity.sub(logDetPrecond);
            first = false;
            r.sample(l.name(), Delta.of(theta, logDensity, theta.rank()));
        }
    }

    /** The initial loc, in the site's unconstrained shape. */
    private Tensor initLocOf(Latent l) {
        Tensor v = initLoc.get(l.name());
        return v != null ? v : Tensor.zeros(l.unconstrainedShape().dims());
    }

    private Tensor meanFieldLatent(HandlerStack r) {
        Tensor[] locs = new Tensor[latents.size()], scales = new Tensor[latents.size()];
        for (int i = 0; i < latents.size(); i++) {
            Latent l = latents.get(i);
            // Per-site parameters keep the site's (unconstrained) shape; they are flattened to build ζ.
            locs[i] = r.param(l.locName(), () -> initLocOf(l), Constraints.REAL);
            scales[i] =
                    r.param(l.scaleName(), () -> Tensor.full(initScale, l.unconstrainedShape()), Constraints.POSITIVE);
        }
        Tensor loc = Tensor.flatConcat(locs), scale = Tensor.flatConcat(scales);
        return r.sampleAuxiliary(LATENT_SITE, Normal.of(loc, scale));
    }

    /** The initial locs of all latents as one [D] vector. */
    private Tensor initLocVector() {
        Tensor[] locs = new Tensor[latents.size()];
        for (int i = 0; i < latents.size(); i++)
            locs[i] = initLocOf(latents.get(i)).reshape(latents.get(i).size());
        return locs.length == 1 ? locs[0] : Tensor.concat(0, locs);
    }

    private Tensor lowRankLatent(HandlerStack r) {
        Tensor loc = r.param("auto_loc", this::initLocVector, Constraints.REAL);
        Tensor factor = r.param(
                "auto_cov_factor",
                () -> {
                    // small fixed pseudo-random W: W = 0 is a saddle (its gradient vanishes); Σ starts within 1% of
                    // initScale²·I
                    double[] w = new double[dim * rank];
                    RandomStream.of(0x10_4A_4BL + dim).fillGaussian(w, 0, w.length);
                    double c = 0.1 * initScale / Math.sqrt(rank);
                    for (int i = 0; i < w.length; i++) w[i] *= c;
                    return Tensor.of(w, dim, rank);
                },
                Constraints.REAL);
        Tensor diag = r.param("auto_cov_diag", () -> Tensor.full(initScale * initScale, dim), Constraints.POSITIVE);
        return r.sampleAuxiliary(LATENT_SITE, LowRankMultivariateNormal.of(loc, factor, diag));
    }

    private Tensor fullRankLatent(HandlerStack r) {
        Tensor loc = r.param("auto_loc", this::initLocVector, Constraints.REAL);
        Tensor tril = r.param("auto_scale_tril", () -> Tensor.eye(dim).mul(initScale), Constraints.LOWER_CHOLESKY);
        return r.sampleAuxiliary(LATENT_SITE, MultivariateNormal.ofScaleTril(loc, tril));
    }

    /** The Gaussian over ζ (over ξ when preconditioned) for given parameter values (constants). */
    Distribution latentDistribution(ParamStore store) {
        ParamBinder b = new ParamBinder(store, null, new LinkedHashMap<>());
        Trace t = TraceRunner.guide(this, b, RandomStream.of(0), false);
        return t.get(LATENT_SITE).dist();
    }
}
