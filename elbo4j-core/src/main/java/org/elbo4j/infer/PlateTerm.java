package org.elbo4j.infer;

import java.util.List;
import org.elbo4j.tensor.Tensor;

/**
 * One site's log-density term reduced to the plate cells it varies along: Pyro's {@code MultiFrameTensor} entry.
 *
 * <p><b>Alignment.</b> As in Pyro, plate j of a site (0 = outermost) indexes dimension −1−j of its elementwise log
 * density (the outermost plate is the rightmost dimension), so that a site in an outer plate broadcasts against one
 * in an inner plate. A dimension of size 1, or one the tensor does not have, means the term does not vary along that
 * plate. Dimensions to the left of the plates' are summed. A term whose dimension at a plate's place has neither the
 * plate's (subsample) size nor 1 is not aligned: it is treated as one global term, which keeps every estimator that
 * uses it unbiased (a cost may always include more terms) at the price of less variance reduction.
 */
final class PlateTerm {
    /** The plates it varies along, in the order of {@link #values}' dimensions (innermost first, row-major). */
    final Plate[] frames;

    /** The sizes of those dimensions. */
    final int[] sizes;

    /** The term's values over the plate cells, row-major; one value for a global term. */
    final double[] values;

    private PlateTerm(Plate[] frames, int[] sizes, double[] values) {
        this.frames = frames;
        this.sizes = sizes;
        this.values = values;
    }

    /**
     * The dimensions of {@code lp} (rank r) that index the site's plates: {@code dims[j]} is plate j's dimension,
     * or −1 where the term does not vary along it; {@code null} when the term is not aligned.
     */
    static int[] plateDims(List<Plate> plates, int[] shape) {
        int r = shape.length;
        int[] dims = new int[plates.size()];
        for (int j = 0; j < dims.length; j++) {
            int d = r - 1 - j;
            if (d < 0 || shape[d] == 1) {
                dims[j] = -1;
            } else if (shape[d] == plates.get(j).subsampleSize()) {
                dims[j] = d;
            } else {
                return null;
            }
        }
        return dims;
    }

    /**
     * The number of leading dimensions summed out when reducing to the plates: r − (number of plates), at least 0;
     * everything ({@code r}) when not aligned.
     */
    static int leading(List<Plate> plates, int[] shape) {
        return plateDims(plates, shape) == null ? shape.length : Math.max(0, shape.length - plates.size());
    }

    /**
     * Reduces an elementwise log density (already multiplied by {@code sign} and the site's scale) to its plate
     * cells.
     *
     * @param lp     elementwise values, not modified; only its values are read (no tape)
     * @param plates the site's plates, outermost first
     */
    static PlateTerm of(Tensor lp, List<Plate> plates, double factor) {
        int[] shape = lp.shape().dims();
        int[] dims = plates.isEmpty() ? null : plateDims(plates, shape);
        if (dims == null)
            return new PlateTerm(
                    new Plate[0], new int[0], new double[] {factor * lp.sum().item()});
        int lead = leading(plates, shape);
        int cells = 1;
        for (int d = lead; d < shape.length; d++) cells *= shape[d];
        double[] v = new double[cells];
        int n = lp.size();
        for (int i = 0; i < n; i++) v[i % cells] += lp.at(i);
        for (int c = 0; c < cells; c++) v[c] *= factor;
        // frames: the kept dimensions lead..r−1 are plates (r−1−lead)..0; size-1 ones stay in the layout
        int kept = shape.length - lead;
        Plate[] fr = new Plate[kept];
        int[] sz = new int[kept];
        for (int d = lead; d < shape.length; d++) {
            int j = shape.length - 1 - d;
            fr[d - lead] = shape[d] == 1 ? null : plates.get(j);
            sz[d - lead] = shape[d];
        }
        return new PlateTerm(fr, sz, v);
    }

    /** A global term with one value. */
    static PlateTerm global(double value) {
        return new PlateTerm(new Plate[0], new int[0], new double[] {value});
    }

    /**
     * Adds this term into {@code cost}, laid out over {@code target}'s cells, as Pyro's {@code sum_to}: sums out the
     * plates the target does not have, broadcasts over the target's plates this term does not vary along. Along a
     * plate both share, each cell receives this term's value at that index divided by the plate's N/B: the score
     * term of that cell already carries the factor, and a cost scaled again would bias a subsampled estimate.
     *
     * @param cost the target's cells. Modified.
     */
    void addTo(PlateTerm target, double[] cost) {
        int tk = target.sizes.length;
        int[] tStride = new int[tk];
        for (int d = tk - 1, s = 1; d >= 0; d--) {
            tStride[d] = s;
            s *= target.sizes[d];
        }
        // where each of this term's dimensions goes in the target (−1: summed out)
        int k = sizes.length;
        int[] to = new int[k];
        double div = 1;
        boolean[] shared = new boolean[tk];
        for (int d = 0; d < k; d++) {
            to[d] = -1;
            if (frames[d] == null) continue;
            for (int e = 0; e < tk; e++) {
                if (target.frames[e] != null && target.frames[e].name().equals(frames[d].name())) {
                    to[d] = e;
                    shared[e] = true;
                    div *= frames[d].scale();
                }
            }
        }
        double[] partial = new double[cost.length]; // by the target's coordinates on the shared plates (others 0)
        int[] coord = new int[k];
        for (int c = 0; c < values.length; c++) {
            int key = 0;
            for (int d = 0; d < k; d++) if (to[d] >= 0) key += coord[d] * tStride[to[d]];
            partial[key] += values[c] / div;
            for (int d = k - 1; d >= 0; d--) { // next row-major coordinate
                if (++coord[d] < sizes[d]) break;
                coord[d] = 0;
            }
        }
        int[] tc = new int[tk];
        for (int c = 0; c < cost.length; c++) {
            int key = 0;
            for (int e = 0; e < tk; e++) if (shared[e]) key += tc[e] * tStride[e];
            cost[c] += partial[key];
            for (int e = tk - 1; e >= 0; e--) {
                if (++tc[e] < target.sizes[e]) break;
                tc[e] = 0;
            }
        }
    }

    /** The number of cells. */
    int cells() {
        return values.length;
    }
}
