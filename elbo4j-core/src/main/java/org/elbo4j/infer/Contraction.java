package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.elbo4j.tensor.Tensor;

/**
 * The sum–product contraction of an enumerated model's log factors: log Σ_z Π_f exp(f), by variable elimination in
 * log space. Enumerated sites are eliminated innermost plate first and, within a plate, last declared first: the
 * factors that depend on a site are summed over the plates that site is not in (a product over those plate
 * slices), added, and log-sum-exp'd over the site's dimension; the result is a new factor on the sites they shared.
 * Once no enumerated site is left, a factor is summed over its plates. For a chain declared in {@link Sites#markov}
 * this is the forward algorithm, run from the last step back; for a mixture, one log-sum-exp over K per data point.
 *
 * <p>The order is right for the tree-structured models Pyro's {@code TraceEnum_ELBO} accepts: a site in a plate may
 * depend on enumerated sites outside it, not the other way round.
 */
final class Contraction {
    private Contraction() {}

    /** A factor during elimination: a tensor (plate scales applied as plates are summed) and its sites. */
    private record Term(Tensor t, Set<EnumRunner.Var> vars, List<Plate> plates) {}

    /**
     * log Σ over every enumerated site of exp(Σ factors), summed over the plates (scaled by N/B), a scalar tensor.
     *
     * @throws IllegalArgumentException if a factor's plates disagree with the site it is eliminated with
     */
    static Tensor logMarginal(EnumRunner r) {
        int p = r.maxPlateNesting();
        List<Tensor> done = new ArrayList<>();
        List<Term> live = new ArrayList<>();
        for (EnumRunner.Factor f : r.factors()) {
            if (f.vars().isEmpty()) {
                Tensor s = f.logProb().rank() == 0 ? f.logProb() : f.logProb().sum();
                done.add(f.scale() == 1.0 ? s : s.mul(f.scale()));
            } else {
                live.add(new Term(f.logProb(), f.vars(), f.plates()));
            }
        }
        List<EnumRunner.Var> order = new ArrayList<>(r.vars());
        order.sort(Comparator.comparingInt((EnumRunner.Var v) -> -v.plates().size())
                .thenComparingInt(v -> -v.order()));
        for (EnumRunner.Var v : order) {
            List<Term> with = new ArrayList<>();
            List<Term> rest = new ArrayList<>();
            for (Term t : live) (t.vars().contains(v) ? with : rest).add(t);
            if (with.isEmpty()) continue; // cannot happen: its own log prior depends on it
            Tensor sum = null;
            Set<EnumRunner.Var> vars = new HashSet<>();
            for (Term t : with) {
                Tensor x = sumPlatesNotIn(t, v.plates(), p);
                sum = sum == null ? x : sum.add(x);
                vars.addAll(t.vars());
            }
            vars.remove(v);
            int dim = sum.rank() - (p + 1 + v.slot()); // dimension −p−1−slot, counted from the left
            Tensor m = sum.logSumExp(dim, true);
            if (vars.isEmpty()) {
                done.add(sumPlates(m, v.plates(), p));
            } else {
                rest.add(new Term(m, vars, v.plates()));
            }
            live = rest;
        }
        return Tensor.total(done.toArray(new Tensor[0]));
    }

    /** Sums {@code t} over its plates that are not in {@code keep}, each multiplied by its N/B. */
    private static Tensor sumPlatesNotIn(Term t, List<Plate> keep, int p) {
        Tensor x = t.t();
        List<Plate> ps = t.plates();
        for (int j = ps.size() - 1; j >= 0; j--) {
            Plate pl = ps.get(j);
            boolean kept = j < keep.size() && keep.get(j).name().equals(pl.name());
            if (kept) continue;
            int dim = x.rank() - 1 - j;
            if (dim < 0 || x.dim(dim) == 1) continue;
            x = x.sum(dim, true);
            if (pl.scale() != 1.0) x = x.mul(pl.scale());
        }
        for (int j = 0; j < keep.size() && j < ps.size(); j++) {
            if (!keep.get(j).name().equals(ps.get(j).name())) {
                throw new IllegalArgumentException(
                        "enumeration: a factor in plate '" + ps.get(j).name() + "' meets an enumerated site in plate '"
                                + keep.get(j).name() + "' at the same depth");
            }
        }
        return x;
    }

    /** The sum of {@code m} over all its elements, each plate's dimension multiplied by its N/B. */
    private static Tensor sumPlates(Tensor m, List<Plate> plates, int p) {
        double sc = 1;
        for (int j = 0; j < plates.size(); j++) {
            int dim = m.rank() - 1 - j;
            if (dim >= 0 && m.dim(dim) > 1) sc *= plates.get(j).scale();
        }
        Tensor s = m.rank() == 0 ? m : m.sum();
        return sc == 1.0 ? s : s.mul(sc);
    }
}
