package org.elbo4j.optim;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elbo4j.tensor.NonFiniteException;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClipTest {
    private static final double TOL = 1e-15;

    private static Map<String, Tensor> grads(Tensor a, Tensor b) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        g.put("a", a);
        g.put("b", b);
        return g;
    }

    @Test
    void globalNorm() {
        assertEquals(5.0, Clip.globalNorm(grads(Tensor.of(3.0, 0.0), Tensor.scalar(-4))));
        // Σ g² overflows (2·(1e200)² = ∞) but the norm is finite: √2·1e200
        assertEquals(Math.sqrt(2) * 1e200, Clip.globalNorm(grads(Tensor.of(1e200), Tensor.of(-1e200))), 1e185);
        assertTrue(Double.isNaN(Clip.globalNorm(grads(Tensor.of(1.0), Tensor.of(Double.NaN)))));
    }

    @Test
    void clipByGlobalNormScalesEverythingAlike() {
        Map<String, Tensor> g = grads(Tensor.of(3.0, 0.0), Tensor.scalar(-4));
        // norm 5 > 1: scale by 1/5 -> a = [0.6, 0], b = -0.8; the direction is kept
        Map<String, Tensor> c = Clip.clipByGlobalNorm(g, 1.0);
        assertEquals(0.6, c.get("a").at(0), TOL);
        assertEquals(0.0, c.get("a").at(1));
        assertEquals(-0.8, c.get("b").item(), TOL);
        assertSame(g, Clip.clipByGlobalNorm(g, 5.0), "norm 5 <= 5: unchanged, no copy");
    }

    @Test
    void clipByValueClampsElements() {
        Tensor keep = Tensor.of(0.5, -1.0);
        Map<String, Tensor> g = grads(keep, Tensor.of(-3.0, 0.25, 2.0));
        Map<String, Tensor> c = Clip.clipByValue(g, 1.0);
        assertSame(keep, c.get("a"), "within bounds: the same tensor");
        assertTrue(c.get("b").valueEquals(Tensor.of(-1.0, 0.25, 1.0)));
        assertSame(g, Clip.clipByValue(g, 3.0));
        assertEquals("[a, b]", c.keySet().toString(), "order kept");
    }

    @Test
    void decoratorClipsThenSteps() {
        ParamStore p = new ParamStore();
        p.put("a", Tensor.of(0.0, 0.0));
        p.put("b", Tensor.scalar(0));
        Optimizer opt = Clip.byGlobalNorm(Sgd.of(1.0), 1.0);
        opt.step(p, grads(Tensor.of(3.0, 0.0), Tensor.scalar(-4)));
        // SGD with lr 1 moves by minus the clipped gradient: a = [-0.6, 0], b = 0.8
        assertEquals(-0.6, p.get("a").at(0), TOL);
        assertEquals(0.8, p.get("b").item(), TOL);
        assertEquals(1, opt.steps());

        Optimizer byValue = Clip.byValue(Sgd.of(1.0), 0.5);
        byValue.step(p, grads(Tensor.of(3.0, -0.25), Tensor.scalar(0)));
        // a = [-0.6 - 0.5, 0 + 0.25]
        assertEquals(-1.1, p.get("a").at(0), TOL);
        assertEquals(0.25, p.get("a").at(1), TOL);
    }

    @Test
    void decoratorDelegatesStateAndRate() {
        Optimizer inner = Adam.of(0.01);
        Optimizer opt = Clip.byValue(inner, 1.0);
        opt.setLearningRate(0.02);
        assertEquals(0.02, inner.learningRate());
        assertEquals("Adam", opt.saveState().kind());
    }

    @Test
    void nonFiniteGradientsReachTheOptimizerUnchanged() {
        ParamStore p = new ParamStore();
        p.put("a", Tensor.of(1.0, 2.0));
        p.put("b", Tensor.scalar(0));
        Optimizer opt = Clip.byGlobalNorm(Sgd.of(1.0), 1.0);
        var e = assertThrows(
                NonFiniteException.class,
                () -> opt.step(p, grads(Tensor.of(1.0, Double.POSITIVE_INFINITY), Tensor.scalar(0))));
        assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("Infinity"), e.getMessage());
        assertTrue(p.get("a").valueEquals(Tensor.of(1.0, 2.0)));
    }

    @Test
    void rejectsBadBounds() {
        var e = assertThrows(IllegalArgumentException.class, () -> Clip.byGlobalNorm(Sgd.of(1), 0));
        assertEquals("Clip.byGlobalNorm: maxNorm must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Clip.byValue(Sgd.of(1), Double.NaN));
        assertEquals("Clip.byValue: clipValue must be finite and > 0, got NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Clip.byValue(null, 1));
    }
}
