package org.elbo4j.stan.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/** One evaluation of a program: the log density terms added so far, the random stream and the print sink. */
final class Context {
    final List<Tensor> terms = new ArrayList<>();
    final RandomStream rng;
    final Consumer<String> out;
    /** The scratch arrays of the program's fused scalar nodes, by node (see ScalarFusion), reused in this evaluation. */
    Object[] fusionScratch = new Object[0];

    Context(RandomStream rng, Consumer<String> out) {
        this.rng = rng;
        this.out = out;
    }

    /** The sum of the terms (0 when there are none). */
    Tensor target() {
        if (terms.isEmpty()) return Tensor.scalar(0.0);
        if (terms.size() == 1)
            return terms.get(0).rank() == 0 ? terms.get(0) : terms.get(0).sum();
        return Tensor.total(terms.toArray(new Tensor[0]));
    }
}
