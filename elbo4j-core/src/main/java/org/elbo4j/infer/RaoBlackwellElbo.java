package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * The score-function estimator Rao–Blackwellised by plate, as Pyro's {@code Trace_ELBO} does with
 * {@code log_r.sum_to(cond_indep_stack)}: the score term of a guide site drawn without a path, cell by cell of the
 * plates it sits in, is multiplied only by the cost terms log p − log q that can depend on it — those of every site
 * at the same plate index and those outside its plates — instead of by the whole particle's log p − log q:
 * \[ \nabla_\phi \mathcal L \approx \nabla_\phi \Big( \sum_{\text{pathwise}} (\log p - \log q)
 *    + \sum_{\text{score sites } s}\ \sum_{i \in \text{cells}(s)} \log q_\phi(z_{s,i})\,
 *      \big[\, C_{s,i} - b_{s,i} \,\big]_{\perp} \Big), \quad
 *    C_{s,i} = \sum_{\text{terms } t} t \text{ summed to the plates of } s \text{ at cell } i. \]
 * A term at another index of the same plate is independent of z_{s,i} under q (the plate says so), so dropping it
 * leaves the gradient unbiased and removes its noise; with a plate of N the score terms' variance falls by about N.
 *
 * <p>How a site's tensor dimensions map to its plates is described in {@link PlateTerm} (Pyro's convention: the
 * outermost plate is the rightmost dimension). Along a subsampled plate a cell's cost takes the other terms at that
 * index unscaled by N/B, since the score term carries the factor already.
 *
 * <p><b>Baselines</b> are per cell: a running mean of the cell's past costs (kept in the run's
 * {@link EstimatorState}, never in the estimator) or the mean cost of the other particles at that cell.
 *
 * <blockquote>Pyro's {@code Trace_ELBO} ({@code pyro/infer/trace_elbo.py}, {@code _compute_log_r}); J. Schulman,
 * N. Heess, T. Weber and P. Abbeel, "Gradient Estimation Using Stochastic Computation Graphs", NeurIPS 2015.
 * </blockquote>
 */
final class RaoBlackwellElbo implements ElboEstimator {
    private final boolean pathwise;
    private final int particles;
    private final Baseline baseline;

    /**
     * @param pathwise draw pathwise where a guide site allows it (then only discrete sites get score terms); false:
     *                 every guide site uses the score function
     */
    RaoBlackwellElbo(boolean pathwise, int particles, Baseline baseline) {
        if (particles < 1)
            throw new IllegalArgumentException("ELBO estimator: particles must be >= 1, got " + particles);
        if (baseline.kind == Baseline.Kind.LEAVE_ONE_OUT && particles < 2) {
            throw new IllegalArgumentException("leave-one-out baseline needs at least 2 particles, got " + particles);
        }
        this.pathwise = pathwise;
        this.particles = particles;
        this.baseline = baseline;
    }

    @Override
    public String name() {
        String b = baseline.kind == Baseline.Kind.NONE ? "" : "+" + baseline;
        return (pathwise ? "reparam-rb" : "score-rb") + b;
    }

    @Override
    public int particles() {
        return particles;
    }

    @Override
    public Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng) {
        return estimate(model, guide, params, rng, new EstimatorState());
    }

    /** One score site of one particle: its log q per cell (on the tape) and its cost per cell. */
    private record ScoreCells(Site site, Tensor logQ, double[] cost) {}

    @Override
    public Estimate estimate(Model model, Model guide, ParamBinder params, RandomStream rng, EstimatorState state) {
        List<List<ScoreCells>> all = new ArrayList<>(particles);
        Tensor[] base = new Tensor[particles];
        double elbo = 0;
        for (int l = 0; l < particles; l++) {
            Particle p = Particle.draw(model, guide, params, rng, pathwise);
            elbo += p.logWeight().item();
            List<PlateTerm> terms = terms(p);
            List<ScoreCells> scores = new ArrayList<>();
            Tensor reparamLogQ = null;
            for (Site g : p.guide().sites()) {
                if (g.kind() == Site.Kind.DETERMINISTIC) continue;
                if (g.isLatent() && !g.reparameterized()) {
                    scores.add(cells(g, terms));
                } else if (g.isLatent()) {
                    reparamLogQ = reparamLogQ == null ? g.logProb() : reparamLogQ.add(g.logProb());
                }
            }
            // log p carries the model parameters' gradients (and the pathwise ones); −log q of pathwise sites the
            // pathwise part of the guide's
            base[l] = reparamLogQ == null ? p.logP() : p.logP().sub(reparamLogQ);
            all.add(scores);
        }
        Tensor surrogate = null;
        for (int l = 0; l < particles; l++) {
            Tensor s = base[l];
            for (int j = 0; j < all.get(l).size(); j++) {
                ScoreCells sc = all.get(l).get(j);
                double[] coef = sc.cost().clone();
                double[] b = baseline(sc, l, j, all, state);
                if (b != null) for (int c = 0; c < coef.length; c++) coef[c] -= b[c];
                Tensor w = Tensor.wrap(coef, sc.logQ().shape());
                s = s.add(sc.logQ().mul(w).sum());
            }
            surrogate = surrogate == null ? s : surrogate.add(s);
        }
        if (baseline.kind == Baseline.Kind.RUNNING_MEAN) updateRunningMeans(all, state);
        return new Estimate(elbo / particles, surrogate.mul(-1.0 / particles));
    }

    private double[] baseline(ScoreCells sc, int l, int j, List<List<ScoreCells>> all, EstimatorState state) {
        return switch (baseline.kind) {
            case NONE -> null;
            case RUNNING_MEAN -> {
                double[] m = state.get(key(sc.site()));
                yield m != null && m.length == sc.cost().length ? m : null;
            }
            case LEAVE_ONE_OUT -> {
                double[] b = new double[sc.cost().length];
                for (int o = 0; o < particles; o++) {
                    if (o == l) continue;
                    double[] other = all.get(o).get(j).cost();
                    // a different subsample can change the layout: then the other particle's mean cost serves
                    for (int c = 0; c < b.length; c++) b[c] += other.length == b.length ? other[c] : mean(other);
                }
                for (int c = 0; c < b.length; c++) b[c] /= particles - 1;
                yield b;
            }
        };
    }

    private void updateRunningMeans(List<List<ScoreCells>> all, EstimatorState state) {
        for (int j = 0; j < all.get(0).size(); j++) {
            ScoreCells first = all.get(0).get(j);
            double[] mean = new double[first.cost().length];
            for (List<ScoreCells> ps : all) {
                double[] c = ps.get(j).cost();
                for (int i = 0; i < mean.length; i++) mean[i] += (c.length == mean.length ? c[i] : mean(c)) / particles;
            }
            String key = key(first.site());
            double[] m = state.get(key);
            if (m == null || m.length != mean.length) {
                state.put(key, mean);
            } else {
                for (int i = 0; i < m.length; i++) m[i] = baseline.decay * m[i] + (1 - baseline.decay) * mean[i];
            }
        }
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    private static String key(Site s) {
        return "score-rb/" + s.name();
    }

    /**
     * Every cost term of the particle, reduced to its plate cells: log p of each model site, −log q of each guide
     * site.
     */
    private static List<PlateTerm> terms(Particle p) {
        List<PlateTerm> t = new ArrayList<>();
        for (Site s : p.model().sites()) {
            if (s.kind() != Site.Kind.DETERMINISTIC) t.add(term(s, 1.0));
        }
        for (Site s : p.guide().sites()) {
            if (s.kind() != Site.Kind.DETERMINISTIC) t.add(term(s, -1.0));
        }
        return t;
    }

    private static PlateTerm term(Site s, double sign) {
        if (s.plates().isEmpty()) return PlateTerm.global(sign * s.logProb().item());
        return PlateTerm.of(elementwise(s), s.plates(), sign * s.scale());
    }

    /** The site's unscaled elementwise log density (a factor site's weight). */
    private static Tensor elementwise(Site s) {
        return s.kind() == Site.Kind.FACTOR ? s.value() : s.dist().logProb(s.value());
    }

    /** A score site's log q per plate cell (scaled, on the tape) and its cost per cell. */
    private static ScoreCells cells(Site g, List<PlateTerm> terms) {
        PlateTerm layout;
        Tensor logQ;
        if (g.plates().isEmpty()) {
            layout = PlateTerm.global(0);
            logQ = g.logProb().reshape(1);
        } else {
            Tensor lq = elementwise(g);
            layout = PlateTerm.of(lq.detach(), g.plates(), 0.0);
            int cells = layout.cells();
            Tensor r = lq.reshape(lq.size() / cells, cells);
            r = r.dim(0) == 1 ? r.reshape(cells) : r.sum(0);
            logQ = g.scale() == 1.0 ? r : r.mul(g.scale());
        }
        double[] cost = new double[layout.cells()];
        for (PlateTerm t : terms) t.addTo(layout, cost);
        return new ScoreCells(g, logQ, cost);
    }
}
