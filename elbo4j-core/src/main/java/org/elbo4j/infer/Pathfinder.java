package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.diag.Psis;
import org.elbo4j.optim.Lbfgs;
import org.elbo4j.optim.ParamStore;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/**
 * Pathfinder (Zhang, Carpenter, Gelman &amp; Vehtari 2022): variational inference along an optimisation path.
 *
 * <p>One <b>path</b>: L-BFGS climbs log p(x, T(ζ)) + log|det J| ({@link AutoGuide#logDensity}) from a start ζ₀
 * (uniform(−2, 2), as Stan initialises). At each iterate ζ_l, with gradient g_l, the inverse-Hessian estimate
 * Σ_l is built from the last J accepted pairs s = ζ_{k+1} − ζ_k, y = g_k − g_{k+1} (accepted when sᵀy &gt;
 * 10⁻¹²·yᵀy) by the BFGS update from a diagonal initial matrix diag(α), α updated with each pair as Gilbert &amp;
 * Lemaréchal (1989, eq. 4.9): α ← b / (a/α + y² − (a/c)(s/α)²), a = yᵀdiag(α)y, b = yᵀs, c = sᵀdiag(α)⁻¹s — the
 * paper's diagonal-plus-low-rank estimate (formed densely here: O(J·D²) per iterate). The normal approximation at
 * that iterate is q_l = N(ζ_l + Σ_l g_l, Σ_l) (a Newton step from ζ_l); its ELBO is estimated from K draws, and the
 * iterate with the highest ELBO is the path's answer.
 *
 * <p><b>Multi-path</b>: I independent paths; M draws from each path's q, pooled with their importance ratios
 * log p − log q (of the path that drew them), smoothed by PSIS and resampled (M draws, with replacement) in
 * proportion to the smoothed weights: draws of the importance-weighted mixture, which corrects the
 * approximations and, when paths end in different modes, weights the modes. The {@link Verdict} judges the pooled
 * draws (k̂ of the pooled ratios, q's sds and means against the weighted ones).
 *
 * <pre>{@code
 * Pathfinder.Result r = Pathfinder.of().paths(4).seed(1).fit(model);
 * r.draws();                 // resampled draws on the constrained scale, deterministic sites included
 * r.verdict().describe();
 * r.gradientEvaluations();   // L-BFGS's: one per value-and-gradient of log p
 * }</pre>
 *
 * @implSpec Defaults: 4 paths, history J = 6, K = 10 ELBO draws per iterate, M = 1,000 draws per path, at most
 * 1,000 L-BFGS iterations, seed 1, PSIS resampling on. The paper uses J = 6, K = 5, M = 100 per path; K = 10 makes
 * the choice of iterate less noisy at the price of density evaluations only (no gradients).
 *
 * <blockquote>L. Zhang, B. Carpenter, A. Gelman and A. Vehtari, "Pathfinder: Parallel quasi-Newton variational
 * inference", JMLR 23(306), 2022. J. C. Gilbert and C. Lemaréchal, "Some numerical experiments with
 * variable-storage quasi-Newton algorithms", Math. Programming 45, 1989.</blockquote>
 */
public final class Pathfinder {
    private final int paths, history, elboDraws, draws, maxIterations;
    private final long seed;
    private final boolean resample;

    private Pathfinder(
            int paths, int history, int elboDraws, int draws, int maxIterations, long seed, boolean resample) {
        this.paths = paths;
        this.history = history;
        this.elboDraws = elboDraws;
        this.draws = draws;
        this.maxIterations = maxIterations;
        this.seed = seed;
        this.resample = resample;
    }

    /** The defaults (see {@code @implSpec}). */
    public static Pathfinder of() {
        return new Pathfinder(4, 6, 10, 1000, 1000, 1, true);
    }

    /** Number of independent paths I. */
    public Pathfinder paths(int n) {
        positive("paths", n);
        return new Pathfinder(n, history, elboDraws, draws, maxIterations, seed, resample);
    }

    /** History J of (s, y) pairs behind each inverse-Hessian estimate. */
    public Pathfinder history(int j) {
        positive("history", j);
        return new Pathfinder(paths, j, elboDraws, draws, maxIterations, seed, resample);
    }

    /** K draws per iterate's ELBO estimate. */
    public Pathfinder elboDraws(int k) {
        positive("elboDraws", k);
        return new Pathfinder(paths, history, k, draws, maxIterations, seed, resample);
    }

    /** M draws per path (at least 10, for PSIS). */
    public Pathfinder draws(int m) {
        if (m < 10) throw new IllegalArgumentException("Pathfinder: draws must be >= 10, got " + m);
        return new Pathfinder(paths, history, elboDraws, m, maxIterations, seed, resample);
    }

    /** L-BFGS iteration limit per path. */
    public Pathfinder maxIterations(int n) {
        positive("maxIterations", n);
        return new Pathfinder(paths, history, elboDraws, draws, n, seed, resample);
    }

    /** The seed (path i uses a stream forked from it). */
    public Pathfinder seed(long s) {
        return new Pathfinder(paths, history, elboDraws, draws, maxIterations, s, resample);
    }

    /** Whether the pooled draws are PSIS-resampled (else the pooled draws are returned as they are). */
    public Pathfinder resample(boolean on) {
        return new Pathfinder(paths, history, elboDraws, draws, maxIterations, seed, on);
    }

    /**
     * One path's outcome: the ELBO-best normal approximation N(mean, cov) on the unconstrained scale.
     *
     * @param index               0-based
     * @param start               ζ₀
     * @param mean                the chosen iterate's mean, [D]
     * @param covariance          its covariance, [D][D]
     * @param elbo                its ELBO estimate (K draws)
     * @param iterate             which iterate (0 = the start)
     * @param iterations          L-BFGS iterations
     * @param gradientEvaluations L-BFGS's value-and-gradient evaluations
     * @param densityEvaluations  log p evaluations without gradient (the ELBO estimates)
     * @param failure             why the path produced nothing (null when it did)
     */
    public record Path(
            int index,
            double[] start,
            double[] mean,
            double[][] covariance,
            double elbo,
            int iterate,
            int iterations,
            long gradientEvaluations,
            long densityEvaluations,
            String failure) {
        /** One line for reports. */
        public String describe() {
            if (failure != null) return String.format(Locale.ROOT, "path %d: failed (%s)", index + 1, failure);
            return String.format(
                    Locale.ROOT,
                    "path %d: best ELBO %.6g at iterate %d of %d, %d gradient evaluations",
                    index + 1,
                    elbo,
                    iterate,
                    iterations,
                    gradientEvaluations);
        }
    }

    /**
     * The outcome.
     *
     * @param paths   every path, failed ones included
     * @param pooled  the pooled draws of the paths' approximations (with their log p, log q)
     * @param draws   the PSIS-resampled draws (the pooled ones when resampling is off)
     * @param verdict the verdict on the pooled draws
     * @param seconds wall time
     */
    public record Result(List<Path> paths, Draws pooled, Draws draws, Verdict verdict, double seconds) {
        /** Gradient evaluations of all paths. */
        public long gradientEvaluations() {
            long n = 0;
            for (Path p : paths) n += p.gradientEvaluations();
            return n;
        }

        /** The path with the highest ELBO (null if all failed). */
        public Path best() {
            Path b = null;
            for (Path p : paths) if (p.failure() == null && (b == null || p.elbo() > b.elbo())) b = p;
            return b;
        }
    }

    /**
     * Runs Pathfinder on {@code model}'s posterior.
     *
     * @throws IllegalArgumentException if the model cannot take an automatic guide
     * @throws IllegalStateException    if every path failed (the message says why)
     */
    public Result fit(Model model) {
        long t0 = System.nanoTime();
        AutoGuide space = AutoGuide.meanField(model);
        RandomStream root = RandomStream.of(seed);
        List<Path> ps = new ArrayList<>();
        List<Draws> each = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            RandomStream rng = root.fork(i);
            double[] z0 = new double[space.dim()];
            for (int j = 0; j < z0.length; j++) z0[j] = 4 * rng.nextDouble() - 2;
            Path p = path(space, z0, i, rng);
            ps.add(p);
            if (p.failure() == null) each.add(draws(model, p, draws, rng.nextLong()));
        }
        if (each.isEmpty()) {
            StringBuilder sb = new StringBuilder("Pathfinder: every path failed:");
            for (Path p : ps) sb.append("\n  ").append(p.describe());
            throw new IllegalStateException(sb.toString());
        }
        Draws pooled = concat(each);
        List<String> warnings = new ArrayList<>();
        for (Path p : ps) if (p.failure() != null) warnings.add(p.describe());
        Verdict v = Verdict.of(pooled, List.of(), warnings);
        Draws out = resample ? resampled(pooled, draws, root.fork(-1)) : pooled;
        return new Result(List.copyOf(ps), pooled, out, v, (System.nanoTime() - t0) / 1e9);
    }

    /** One path from {@code z0}; never throws for a failing start (the failure is recorded). */
    Path path(AutoGuide space, double[] z0, int index, RandomStream rng) {
        int d = space.dim();
        List<double[]> xs = new ArrayList<>(), gs = new ArrayList<>();
        long[] evals = {0};
        Lbfgs.Objective negLogP = (x, g) -> {
            evals[0]++;
            try {
                ValueAndGrad vg = Autodiff.valueAndGrad(List.of(Tensor.of(x)), p -> space.logDensity(p.get(0)));
                double[] gr = vg.gradient(0).toArray();
                for (int i = 0; i < d; i++) g[i] = -gr[i];
                return -vg.valueAsDouble();
            } catch (RuntimeException e) {
                java.util.Arrays.fill(g, Double.NaN);
                return Double.NaN;
            }
        };
        Lbfgs.Result r;
        try {
            r = Lbfgs.of().memory(history).maxIterations(maxIterations).minimize(negLogP, z0, (it, x, v, g) -> {
                xs.add(x.clone());
                double[] up = new double[d];
                for (int i = 0; i < d; i++) up[i] = -g[i]; // ∇ log p
                gs.add(up);
            });
        } catch (IllegalArgumentException e) {
            return new Path(index, z0, null, null, Double.NaN, -1, 0, evals[0], 0, "no start: " + e.getMessage());
        }
        double[] alpha = new double[d];
        java.util.Arrays.fill(alpha, 1.0);
        List<double[]> sHist = new ArrayList<>(), yHist = new ArrayList<>();
        double bestElbo = Double.NEGATIVE_INFINITY;
        double[] bestMean = null;
        double[][] bestCov = null;
        int bestIt = -1;
        long dens = 0;
        for (int l = 0; l < xs.size(); l++) {
            if (l > 0) {
                double[] s = new double[d], y = new double[d];
                for (int i = 0; i < d; i++) {
                    s[i] = xs.get(l)[i] - xs.get(l - 1)[i];
                    y[i] = gs.get(l - 1)[i] - gs.get(l)[i]; // gradient of −log p: y = ∇f_l − ∇f_{l−1}
                }
                double sy = dot(s, y), yy = dot(y, y);
                if (sy > 1e-12 * yy) {
                    gilbertLemarechal(alpha, s, y);
                    sHist.add(s);
                    yHist.add(y);
                    if (sHist.size() > history) {
                        sHist.remove(0);
                        yHist.remove(0);
                    }
                }
            }
            if (l == 0 || sHist.isEmpty()) continue; // the paper skips iterates without curvature information
            double[][] cov = inverseHessian(alpha, sHist, yHist);
            double[][] chol = cholesky(cov);
            if (chol == null) continue;
            double[] mean = xs.get(l).clone();
            for (int i = 0; i < d; i++) mean[i] += dot(cov[i], gs.get(l));
            double elbo = 0;
            for (int k = 0; k < elboDraws; k++) {
                double[][] zq = drawNormal(mean, chol, rng);
                double lp = logDensity(space, zq[0]);
                dens++;
                elbo += (lp - zq[1][0]) / elboDraws;
            }
            if (Double.isNaN(elbo)) elbo = Double.NEGATIVE_INFINITY;
            if (elbo > bestElbo || bestMean == null) {
                bestElbo = elbo;
                bestMean = mean;
                bestCov = cov;
                bestIt = l;
            }
        }
        if (bestMean == null || bestElbo == Double.NEGATIVE_INFINITY) {
            return new Path(
                    index,
                    z0,
                    null,
                    null,
                    Double.NaN,
                    -1,
                    r.iterations(),
                    evals[0],
                    dens,
                    bestMean == null
                            ? "L-BFGS made no step with curvature information (" + r.reason() + ")"
                            : "no iterate's normal approximation had a finite ELBO");
        }
        return new Path(index, z0, bestMean, bestCov, bestElbo, bestIt, r.iterations(), evals[0], dens, null);
    }

    /** Gilbert & Lemaréchal's update of the diagonal initial inverse Hessian (eq. 4.9), in place. */
    static void gilbertLemarechal(double[] alpha, double[] s, double[] y) {
        double a = 0, b = 0, c = 0;
        for (int i = 0; i < alpha.length; i++) {
            a += y[i] * alpha[i] * y[i];
            b += y[i] * s[i];
            c += s[i] * s[i] / alpha[i];
        }
        for (int i = 0; i < alpha.length; i++) {
            double sa = s[i] / alpha[i];
            double v = b / (a / alpha[i] + y[i] * y[i] - a / c * sa * sa);
            if (v > 0 && Double.isFinite(v)) alpha[i] = v; // keep the old value if rounding made it non-positive
        }
    }

    /** BFGS inverse Hessian from diag(α) and the pairs, oldest first: H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ. */
    static double[][] inverseHessian(double[] alpha, List<double[]> ss, List<double[]> ys) {
        int d = alpha.length;
        double[][] h = new double[d][d];
        for (int i = 0; i < d; i++) h[i][i] = alpha[i];
        for (int k = 0; k < ss.size(); k++) {
            double[] s = ss.get(k), y = ys.get(k);
            double rho = 1 / dot(s, y);
            double[] hy = new double[d];
            for (int i = 0; i < d; i++) hy[i] = dot(h[i], y);
            double yhy = dot(y, hy);
            double c = rho * rho * yhy + rho;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) h[i][j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j];
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = v;
                h[j][i] = v;
            }
        }
        return h;
    }

    /** Lower Cholesky factor, or null if not positive definite. */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(sum > 0) || !Double.isFinite(sum)) return null;
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    /** {ζ, {log q(ζ)}} for ζ ~ N(mean, LLᵀ). */
    private static double[][] drawNormal(double[] mean, double[][] chol, RandomStream rng) {
        int d = mean.length;
        double[] e = new double[d];
        rng.fillGaussian(e, 0, d);
        double[] z = mean.clone();
        double logq = -0.5 * d * Math.log(2 * Math.PI);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) z[i] += chol[i][k] * e[k];
            logq -= Math.log(chol[i][i]) + 0.5 * e[i] * e[i];
        }
        return new double[][] {z, {logq}};
    }

    private static double logDensity(AutoGuide space, double[] z) {
        try {
            double v = space.logDensity(Tensor.of(z)).item();
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        } catch (RuntimeException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * A fit whose guide is N(mean, cov) on the unconstrained scale (a full-rank auto-guide preconditioned with the
     * mean and the Cholesky factor, at its initial parameters ξ ~ N(0, I)): its draws carry the model's
     * deterministic sites and log p, log q.
     */
    static Fit normalFit(Model model, double[] mean, double[][] cov, long seed) {
        double[][] l = cholesky(cov);
        int d = mean.length;
        double[] flat = new double[d * d];
        for (int i = 0; i < d; i++) System.arraycopy(l[i], 0, flat, i * d, d);
        AutoGuide g = AutoGuide.fullRank(model).precondition(Tensor.of(mean), Tensor.of(flat, d, d));
        return new Fit(
                model,
                g,
                new ParamStore(),
                new LinkedHashMap<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                0,
                true,
                0,
                0.0,
                Double.NaN,
                0,
                "pathfinder",
                seed,
                0); // no SVI steps: learning rate 0, no candidates
    }

    /**
     * A {@link Fit} whose guide is {@code path}'s normal approximation (for reports that take a fit: its draws, its
     * seed); it ran no SVI steps.
     *
     * @throws IllegalArgumentException if the path failed
     */
    public static Fit fitOf(Model model, Path path) {
        if (path == null || path.failure() != null)
            throw new IllegalArgumentException("Pathfinder.fitOf: the path failed");
        return normalFit(model, path.mean(), path.covariance(), 0);
    }

    private static Draws draws(Model model, Path p, int m, long seed) {
        return normalFit(model, p.mean(), p.covariance(), seed).draws(m, seed);
    }

    private static Draws concat(List<Draws> ds) {
        int n = 0;
        for (Draws d : ds) n += d.size();
        double[][] v = new double[n][];
        double[] lp = new double[n], lq = new double[n];
        int k = 0;
        for (Draws d : ds) {
            for (int i = 0; i < d.size(); i++, k++) {
                v[k] = d.values()[i];
                lp[k] = d.logP()[i];
                lq[k] = d.logQ()[i];
            }
        }
        Draws f = ds.get(0);
        return new Draws(f.quantities(), f.names(), v, lp, lq);
    }

    /** m draws resampled with replacement in proportion to the PSIS-smoothed weights. */
    private static Draws resampled(Draws pooled, int m, RandomStream rng) {
        double[] lr = pooled.logRatios();
        for (int i = 0; i < lr.length; i++) if (Double.isNaN(lr[i])) lr[i] = Double.NEGATIVE_INFINITY;
        double[] lw = Psis.smooth(lr).logWeights();
        double[] cum = new double[lw.length];
        double c = 0;
        for (int i = 0; i < lw.length; i++) {
            c += Math.exp(lw[i]);
            cum[i] = c;
        }
        double[][] v = new double[m][];
        double[] lp = new double[m], lq = new double[m];
        for (int j = 0; j < m; j++) {
            double u = rng.nextDouble() * c;
            int i = java.util.Arrays.binarySearch(cum, u);
            if (i < 0) i = -i - 1;
            i = Math.min(i, cum.length - 1);
            v[j] = pooled.values()[i];
            lp[j] = pooled.logP()[i];
            lq[j] = pooled.logQ()[i];
        }
        return new Draws(pooled.quantities(), pooled.names(), v, lp, lq);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void positive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException("Pathfinder: " + what + " must be >= 1, got " + v);
    }
}
