package org.elbo4j.infer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.internal.Names;
import org.elbo4j.tensor.Tensor;

/** The sites of one run, in the order they were declared, with the plates' chosen indices. */
public final class Trace {
    private final Names<Site> sites = new Names<>();
    private Map<String, int[]> plateIndices; // allocated on the first subsampled plate

    void add(Site s) {
        if (sites.putIfAbsent(s.name(), s) != null) {
            throw new IllegalArgumentException(
                    "site '" + s.name() + "' is declared twice in one run; site names must be unique");
        }
    }

    void plate(String name, int[] indices) {
        if (plateIndices == null) plateIndices = new LinkedHashMap<>();
        plateIndices.put(name, indices);
    }

    int[] plateIndices(String name) {
        return plateIndices == null ? null : plateIndices.get(name);
    }

    boolean hasPlate(String name) {
        return plateIndices != null && plateIndices.containsKey(name);
    }

    /** The number of sites. */
    int size() {
        return sites.size();
    }

    /** The site at position {@code i}, in declaration order. */
    Site site(int i) {
        return sites.value(i);
    }

    /** The site named {@code name}, or {@code null}. */
    public Site get(String name) {
        return sites.get(name);
    }

    /** All sites in declaration order. Not modifiable. */
    public Collection<Site> sites() {
        return sites.values();
    }

    /** The latent sample sites that are not auxiliary, in order. */
    public java.util.List<Site> latents() {
        java.util.List<Site> r = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.value(i);
            if (s.isLatent() && !s.auxiliary()) r.add(s);
        }
        return r;
    }

    /** Σ of every site's scaled log density (sample, observe and factor sites), a scalar tensor. */
    public Tensor logJoint() {
        Tensor[] parts = new Tensor[sites.size()];
        int n = 0;
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.value(i);
            if (s.kind() != Site.Kind.DETERMINISTIC) parts[n++] = s.logProb();
        }
        return Tensor.total(java.util.Arrays.copyOf(parts, n)); // one tape node for the whole sum
    }
}
