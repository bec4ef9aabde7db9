package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Model;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;
import org.junit.jupiter.api.Test;

/**
 * The javadoc examples of {@code org.elbo4j.distributions}, verbatim, each followed by checks of what its comments
 * claim. The examples that are parts of a model run inside one, and the model's log density on the unconstrained
 * scale ({@link AutoGuide#logDensity}) is compared with the same sum written out by hand.
 */
class JavadocExamplesTest {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private static double normalLogPdf(double x, double loc, double scale) {
        double z = (x - loc) / scale;
        return -0.5 * z * z - Math.log(scale) - LOG_SQRT_2PI;
    }

    @Test
    void packageInfo() {
        RandomStream rng = RandomStream.of(1);
        Normal q = Normal.of(Tensor.of(0.0, 1.0), Tensor.of(1.0, 2.0)); // batch shape [2]
        Tensor z = q.rsample(rng, Shape.of(500)); // [500, 2], differentiable in loc and scale
        Tensor lp = q.logProb(z); // [500, 2]
        Tensor kl = KlDivergence.of(q, Normal.of(0, 1)); // [2]: [0.0, 1.30685]
        assertEquals(Shape.of(500, 2), z.shape());
        assertEquals(Shape.of(500, 2), lp.shape());
        // KL(N(1, 2²) ‖ N(0, 1)) = log(1/2) + (4 + 1)/2 − 1/2
        assertArrayEquals(new double[] {0.0, Math.log(0.5) + 2.5 - 0.5}, kl.toArray(), 1e-15);
        assertArrayEquals(new double[] {0.0, 1.30685}, kl.toArray(), 5e-6);
    }

    @Test
    void distribution() {
        RandomStream rng = RandomStream.of(42);
        Normal d = Normal.of(0.0, 2.0);
        Tensor z = d.sample(rng, Shape.of(1000)); // shape [1000]
        d.logProb(Tensor.scalar(0.0)); // −log(2√(2π)) = −1.612086
        d.entropy(); // 0.5·log(2πe·4) = 2.112086
        assertEquals(Shape.of(1000), z.shape());
        assertEquals(
                -Math.log(2 * Math.sqrt(2 * Math.PI)),
                d.logProb(Tensor.scalar(0.0)).item(),
                1e-15);
        assertEquals(-1.612086, d.logProb(Tensor.scalar(0.0)).item(), 5e-7);
        assertEquals(0.5 * Math.log(2 * Math.PI * Math.E * 4), d.entropy().item(), 1e-15);
        assertEquals(2.112086, d.entropy().item(), 5e-7);
    }

    /** A user's distribution with its own KL rule: {@code KlDivergence.register}'s example registers it. */
    record MyDist(double loc) implements Distribution {
        @Override
        public Shape batchShape() {
            return Shape.SCALAR;
        }

        @Override
        public Shape eventShape() {
            return Shape.SCALAR;
        }

        @Override
        public Tensor sample(RandomStream rng, Shape sampleShape) {
            return Normal.of(loc, 1).sample(rng, sampleShape);
        }

        @Override
        public boolean hasRsample() {
            return false;
        }

        @Override
        public Tensor logProb(Tensor value) {
            return Normal.of(loc, 1).logProb(value);
        }

        @Override
        public Constraint support() {
            return Constraints.REAL;
        }
        /** KL(N(loc, 1) ‖ q) for a scalar Normal q. */
        Tensor klTo(Normal q) {
            return KlDivergence.of(Normal.of(loc, 1), q);
        }
    }

    @Test
    void klDivergence() {
        Tensor kl = KlDivergence.of(Normal.of(0, 1), Normal.of(1, 2)); // 0.443147
        KlDivergence.register(MyDist.class, Normal.class, (p, q) -> p.klTo(q)); // add a pair (MyDist: yours)
        KlDivergence.has(Gamma.class, Normal.class); // false
        // KL(N(0, 1) ‖ N(1, 2²)) = log 2 + (1 + 1)/8 − 1/2
        assertEquals(Math.log(2) + 0.25 - 0.5, kl.item(), 1e-15);
        assertEquals(0.443147, kl.item(), 5e-7);
        assertTrue(KlDivergence.has(MyDist.class, Normal.class));
        assertEquals(kl.item(), KlDivergence.of(new MyDist(0), Normal.of(1, 2)).item(), 1e-15);
        assertFalse(KlDivergence.has(Gamma.class, Normal.class));
    }

    @Test
    void improperUniform() {
        Model model = s -> {
            Tensor beta = s.sample("beta", ImproperUniform.of(Constraints.REAL, Shape.of(2))); // flat prior
            Tensor sigma = s.sample("sigma", ImproperUniform.of(Constraints.POSITIVE, Shape.SCALAR));
            s.factor("sigma_prior", Normal.of(0, 10).logProb(sigma)); // half-normal
        };
        // u = (beta, log sigma): log density = log N(sigma; 0, 10) + log sigma (the exp transform's Jacobian)
        double logSigma = 0.5;
        double got = AutoGuide.meanField(model)
                .logDensity(Tensor.of(0.3, -0.2, logSigma))
                .item();
        assertEquals(normalLogPdf(Math.exp(logSigma), 0, 10) + logSigma, got, 1e-12);
    }

    @Test
    void mixtureSameFamily() {
        Tensor mu = Tensor.of(-1.0, 2.0), sigma = Tensor.of(0.5, 1.0), y = Tensor.of(-0.8, 1.5, 2.5);
        Model model = s -> {
            Tensor theta = s.sample("theta", Uniform.of(0, 1));
            Tensor w = Tensor.stack(theta, theta.rsub(1)); // (θ, 1 − θ)
            s.observe("y", MixtureSameFamily.ofProbs(w, Normal.of(mu, sigma)), y); // mu, sigma: shape [2]
        };
        // u = logit θ = 0: θ = ½, and the sigmoid's Jacobian is ¼
        double want = Math.log(0.25);
        for (double v : y.toArray()) {
            want += Math.log(0.5 * Math.exp(normalLogPdf(v, -1, 0.5)) + 0.5 * Math.exp(normalLogPdf(v, 2, 1)));
        }
        assertEquals(want, AutoGuide.meanField(model).logDensity(Tensor.of(0.0)).item(), 1e-12);
    }

    @Test
    void normalIdGlm() {
        int k = 2;
        Tensor x = Tensor.of(new double[][] {{1.0, 0.5}, {-0.3, 2.0}, {0.7, -1.1}});
        Tensor intercept = Tensor.scalar(0.4), sigma = Tensor.scalar(0.9), y = Tensor.of(1.0, 2.0, -0.5);
        Model model = s -> {
            Tensor b = s.sample("b", Normal.of(Tensor.zeros(k), Tensor.ones(k)));
            s.observe("y", NormalIdGlm.of(x, intercept, b, sigma), y); // x: [N, K] data
        };
        double[] b = {0.6, -0.2};
        double want = normalLogPdf(b[0], 0, 1) + normalLogPdf(b[1], 0, 1);
        for (int i = 0; i < 3; i++) {
            want += normalLogPdf(y.at(i), 0.4 + x.get(i, 0) * b[0] + x.get(i, 1) * b[1], 0.9);
        }
        assertEquals(want, AutoGuide.meanField(model).logDensity(Tensor.of(b)).item(), 1e-12);
    }
}
