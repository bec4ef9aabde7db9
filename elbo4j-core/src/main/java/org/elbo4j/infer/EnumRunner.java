package org.elbo4j.infer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.elbo4j.distributions.Bernoulli;
import org.elbo4j.distributions.Categorical;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * Runs a model with its latent sites replaying a guide's values and its {@link Sites#enumerate enumerated} sites
 * (those the guide does not sample) taking every value of their support at once, and keeps every log density as an
 * elementwise factor for {@link Contraction}.
 *
 * <p><b>Dimensions</b> (Pyro's): with {@code maxPlateNesting} = P, plate j of a site (0 = outermost) is dimension
 * −1−j of its tensors; the enumerated sites take the dimensions −P−1, −P−2, … in the order they are declared, the
 * first free one; inside {@link #markov} a site of step t frees its dimension at step t + 2.
 */
final class EnumRunner implements Sites {
    /** An enumerated site: its dimension slot (dimension −P−1−slot) and support size. */
    record Var(String name, int slot, int k, List<Plate> plates, int order) {}

    /** One log-density term: its tensor (unscaled), the enumerated sites it depends on, its site's plates. */
    record Factor(String site, Tensor logProb, Set<Var> vars, List<Plate> plates, double scale) {}

    private final ParamBinder params;
    private final RandomStream rng;
    private final Trace guide;
    private final int maxPlateNesting;
    private final List<Factor> factors = new ArrayList<>();
    private final List<Var> vars = new ArrayList<>();
    private final List<Var> active = new ArrayList<>(); // by slot; null = free
    private final Set<String> names = new HashSet<>();
    private final Deque<Plate> plates = new ArrayDeque<>();
    private double scale = 1.0;
    private Markov markov; // the open markov context, or null
    private Trace record = new Trace(); // plate indices chosen here

    private EnumRunner(ParamBinder params, RandomStream rng, Trace guide, int maxPlateNesting) {
        this.params = params;
        this.rng = rng;
        this.guide = guide;
        this.maxPlateNesting = maxPlateNesting;
    }

    /** Runs {@code model} against {@code guide}'s values; returns the runner holding the factors. */
    static EnumRunner run(Model model, ParamBinder params, RandomStream rng, Trace guide, int maxPlateNesting) {
        EnumRunner r = new EnumRunner(params, rng, guide, maxPlateNesting);
        model.run(r);
        for (Site g : guide.sites()) {
            if (g.isLatent() && !g.auxiliary() && !r.names.contains(g.name())) {
                throw new IllegalArgumentException(
                        "guide site '" + g.name() + "' has no model site: the model never samples '" + g.name() + "'");
            }
        }
        return r;
    }

    List<Factor> factors() {
        return factors;
    }

    List<Var> vars() {
        return vars;
    }

    int maxPlateNesting() {
        return maxPlateNesting;
    }

    private void declare(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException(
                    "site '" + name + "' is declared twice in one run; site names must be unique");
        }
    }

    @Override
    public Tensor sample(String name, Distribution d) {
        declare(name);
        Site g = guide.get(name);
        if (g == null) {
            throw new IllegalArgumentException("model site '" + name + "' has no guide site: the guide must sample '"
                    + name + "', or the model enumerate it (Sites.enumerate) if it is discrete");
        }
        if (!g.isLatent()) {
            throw new IllegalArgumentException(
                    "model site '" + name + "' is a " + g.kind() + " site in the guide, not a sample site");
        }
        addFactor(name, d, g.value());
        return g.value();
    }

    @Override
    public Tensor enumerate(String name, Distribution d) {
        if (guide.get(name) != null) return sample(name, d); // the guide samples it: an ordinary site
        declare(name);
        double[] support = support(name, d);
        int slot = allocate();
        Var v = new Var(name, slot, support.length, currentPlates(), vars.size());
        vars.add(v);
        active.set(slot, v);
        if (markov != null) markov.allocated(slot);
        int[] shape = new int[maxPlateNesting + 1 + slot];
        java.util.Arrays.fill(shape, 1);
        shape[0] = support.length;
        Tensor value = Tensor.of(support, Shape.of(shape));
        addFactor(name, d, value);
        return value;
    }

    /** The support of an enumerable distribution. */
    private static double[] support(String name, Distribution d) {
        int k;
        if (d instanceof Bernoulli) {
            k = 2;
        } else if (d instanceof Categorical c) {
            k = c.numCategories();
        } else {
            throw new IllegalArgumentException(
                    "site '" + name + "': " + d.name() + " cannot be enumerated (enumerable: Bernoulli, Categorical)");
        }
        double[] v = new double[k];
        for (int i = 0; i < k; i++) v[i] = i;
        return v;
    }

    private int allocate() {
        for (int i = 0; i < active.size(); i++) if (active.get(i) == null) return i;
        active.add(null);
        return active.size() - 1;
    }

    @Override
    public void observe(String name, Distribution d, Tensor value) {
        declare(name);
        if (!value.allFinite()) {
            for (int i = 0; i < value.size(); i++) {
                if (!Double.isFinite(value.at(i))) {
                    throw new IllegalArgumentException("observed site '" + name + "': data has " + value.at(i)
                            + " at flat index " + i + " of shape " + value.shape());
                }
            }
        }
        addFactor(name, d, value);
    }

    private void addFactor(String name, Distribution d, Tensor value) {
        Tensor lp;
        try {
            lp = d.logProb(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site '" + name + "': " + e.getMessage(), e);
        }
        addFactor(name, lp);
    }

    /** Checks the factor's dimensions against the plates and enumerated sites, and keeps it. */
    private void addFactor(String name, Tensor lp) {
        List<Plate> ps = currentPlates();
        int[] shape = lp.shape().dims();
        int r = shape.length;
        Set<Var> deps = new HashSet<>();
        for (int d = 0; d < r; d++) {
            int pos = r - d; // dimension −pos
            if (shape[d] == 1) continue;
            if (pos <= maxPlateNesting) {
                int j = pos - 1;
                if (j >= ps.size() || ps.get(j).subsampleSize() != shape[d]) {
                    throw new IllegalArgumentException("site '" + name + "': its log density has shape "
                            + lp.shape() + "; dimension -" + pos + " (size " + shape[d] + ") should be "
                            + (j < ps.size()
                                    ? "plate '" + ps.get(j).name() + "' of size "
                                            + ps.get(j).subsampleSize()
                                    : "of size 1 (no plate is that deep)")
                            + ": with enumeration, batch dimensions are plates, the outermost rightmost");
                }
            } else {
                int slot = pos - maxPlateNesting - 1;
                Var v = slot < active.size() ? active.get(slot) : null;
                if (v == null || v.k() != shape[d]) {
                    throw new IllegalArgumentException("site '" + name + "': its log density has shape "
                            + lp.shape() + "; dimension -" + pos + " (size " + shape[d]
                            + ") is left of maxPlateNesting = " + maxPlateNesting
                            + " but is no enumerated site's (is maxPlateNesting too small?)");
                }
                deps.add(v);
            }
        }
        factors.add(new Factor(name, lp, deps, ps, scale));
    }

    private List<Plate> currentPlates() {
        if (plates.isEmpty()) return List.of();
        Plate[] outerFirst = new Plate[plates.size()];
        int i = outerFirst.length;
        for (Plate p : plates) outerFirst[--i] = p;
        return List.of(outerFirst);
    }

    @Override
    public Tensor param(String name, Tensor init, Constraint c) {
        return params.bind(name, init, c);
    }

    @Override
    public Tensor deterministic(String name, Tensor value) {
        declare(name);
        return value;
    }

    @Override
    public void factor(String name, Tensor logWeight) {
        declare(name);
        addFactor(name, logWeight);
    }

    @Override
    public Plate plate(String name, int size, int subsample) {
        if (!(size > 0) || !(subsample > 0) || subsample > size) {
            throw new IllegalArgumentException("plate '" + name + "': need 0 < subsample <= size, got subsample "
                    + subsample + " of size " + size);
        }
        if (plates.size() >= maxPlateNesting) {
            throw new IllegalArgumentException("plate '" + name + "' is nested " + (plates.size() + 1)
                    + " deep, more than maxPlateNesting = " + maxPlateNesting + " of the enumeration estimator");
        }
        int[] idx = null;
        if (subsample < size) {
            if (guide.hasPlate(name)) {
                idx = guide.plateIndices(name);
                if (idx.length != subsample) {
                    throw new IllegalArgumentException("plate '" + name + "': the guide used " + idx.length
                            + " indices, the model asks for " + subsample);
                }
            } else if (record.hasPlate(name)) {
                idx = record.plateIndices(name);
            } else {
                idx = choose(size, subsample);
                record.plate(name, idx);
            }
        }
        Plate p = new Plate(name, size, idx, () -> leavePlate(name));
        plates.push(p);
        scale *= p.scale();
        return p;
    }

    private void leavePlate(String name) {
        Plate top = plates.peek();
        if (top == null || !top.name().equals(name)) {
            throw new IllegalStateException("plate '" + name + "' closed out of order");
        }
        plates.pop();
        double sc = 1.0; // recomputed, not divided, so that no rounding accumulates
        for (Plate q : plates) sc *= q.scale();
        scale = sc;
    }

    /** {@code k} distinct indices of {@code 0..n-1}, in random order (partial Fisher–Yates). */
    private int[] choose(int n, int k) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + (int) Math.floor(rng.nextDouble() * (n - i));
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }

    @Override
    public Iterable<Integer> markov(int n) {
        if (n < 0) throw new IllegalArgumentException("markov: need n >= 0 steps, got " + n);
        return () -> {
            if (markov != null) throw new IllegalStateException("markov contexts do not nest");
            Markov m = new Markov(n);
            markov = m;
            return m;
        };
    }

    /** A markov context (history 1): the slots allocated at step t are freed when step t + 2 begins. */
    private final class Markov implements Iterator<Integer> {
        private final int n;
        private int t = -1;
        private final List<List<Integer>> slots = new ArrayList<>();

        Markov(int n) {
            this.n = n;
        }

        void allocated(int slot) {
            slots.get(t).add(slot);
        }

        @Override
        public boolean hasNext() {
            boolean more = t + 1 < n;
            if (!more && markov == this) markov = null;
            return more;
        }

        @Override
        public Integer next() {
            if (t + 1 >= n) throw new NoSuchElementException();
            t++;
            slots.add(new ArrayList<>(2));
            if (t >= 2) {
                for (int s : slots.get(t - 2)) active.set(s, null);
                slots.set(t - 2, null);
            }
            return t;
        }
    }
}
