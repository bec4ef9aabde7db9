package org.elbo4j.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.distributions.Normal;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@link Sites#sampleHidden}: a latent site that is fitted like any other but left out of draws. */
class HiddenSiteTest {
    /** z ~ N(0, 1), reported as sigma = exp(z); y ~ N(z, 1) with y = 2. */
    static Model model(boolean hidden) {
        return s -> {
            Tensor z = hidden ? s.sampleHidden("z__free", Normal.of(0, 1)) : s.sample("z__free", Normal.of(0, 1));
            s.deterministic("sigma", z.exp());
            s.observe("y", Normal.of(z, Tensor.scalar(1.0)), Tensor.scalar(2.0));
        };
    }

    @Test
    void aHiddenLatentIsFittedAsAnyOtherButLeftOutOfTheDraws() {
        Model hidden = model(true), shown = model(false);
        Draws h = Svi.of(hidden, AutoGuide.meanField(hidden))
                .seed(3)
                .run(Stop.after(500))
                .draws(200, 4);
        Draws s = Svi.of(shown, AutoGuide.meanField(shown))
                .seed(3)
                .run(Stop.after(500))
                .draws(200, 4);
        assertEquals(List.of("sigma"), h.names());
        assertEquals(List.of("z__free", "sigma"), s.names());
        assertEquals(1, h.quantities().size());
        // the same fit, seed for seed: hiding changes what is reported, not what is fitted
        assertArrayEquals(s.column("sigma"), h.column("sigma"), 0.0);
        assertArrayEquals(s.logP(), h.logP(), 0.0);
    }
}
