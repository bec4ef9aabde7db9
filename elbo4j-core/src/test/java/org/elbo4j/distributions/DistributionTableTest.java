package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * docs/distributions.md is generated from the code by this test and checked against it, so it cannot drift: the
 * rsample, entropy, KL-partner and support columns are read from live instances and the KL registry; only the
 * route column is written here (and the rsample column must agree with it: "none" ⇔ no rsample).
 *
 * <p>To regenerate after adding a family: {@code mvn -q test -pl elbo4j-core -Dtest=DistributionTableTest
 * -Delbo4j.writeDocs=true}.
 */
class DistributionTableTest {
    record Family(String name, String route, Supplier<Distribution> example) {}

    static final List<Family> FAMILIES = List.of(
            new Family("Normal", "location–scale: loc + scale·ε, ε ~ N(0,1)", () -> Normal.of(0, 1)),
            new Family(
                    "Laplace",
                    "location–scale: loc + scale·ε, ε = log 2u (u < ½) or −log 2(1 − u)",
                    () -> Laplace.of(0, 1)),
            new Family("Logistic", "location–scale: loc + scale·(log u − log(1 − u))", () -> Logistic.of(0, 1)),
            new Family("Cauchy", "location–scale: loc + scale·tan(π(u − ½))", () -> Cauchy.of(0, 1)),
            new Family(
                    "StudentT",
                    "location–scale: loc + scale·ε·√(df/X), X ~ χ²(df) (implicit gradient in df)",
                    () -> StudentT.of(4, 0, 1)),
            new Family("Gumbel", "location–scale: loc − scale·log(−log u)", () -> Gumbel.of(0, 1)),
            new Family("Uniform", "location–scale: low + (high − low)·u", () -> Uniform.of(0, 1)),
            new Family(
                    "MultivariateNormal",
                    "location–scale: loc + L·ε (Cholesky factor L)",
                    () -> MultivariateNormal.ofScaleTril(Tensor.zeros(2), Tensor.eye(2))),
            new Family(
                    "LowRankMultivariateNormal",
                    "location–scale: loc + W·ε₁ + √D·ε₂",
                    () -> LowRankMultivariateNormal.of(Tensor.zeros(3), Tensor.ones(3, 1), Tensor.ones(3))),
            new Family("Exponential", "inverse CDF: −log(u)/rate", () -> Exponential.of(1)),
            new Family("Weibull", "inverse CDF: scale·(−log u)^{1/k}", () -> Weibull.of(1, 2)),
            new Family("Pareto", "inverse CDF: scale·u^{−1/α}", () -> Pareto.of(1, 3)),
            new Family("Kumaraswamy", "inverse CDF: (1 − u^{1/b})^{1/a}", () -> Kumaraswamy.of(2, 3)),
            new Family("HalfCauchy", "inverse CDF: scale·tan(πu/2)", () -> HalfCauchy.of(1)),
            new Family(
                    "Gamma",
                    "implicit reparameterization (Marsaglia–Tsang draw, ∂x/∂α from the CDF)",
                    () -> Gamma.of(2, 1)),
            new Family(
                    "IntegerShapeGamma",
                    "composition: −Σᵢ₌₁ⁿ log uᵢ / rate, a sum of n exponentials (no gradient in n)",
                    () -> IntegerShapeGamma.of(3, 1.0)),
            new Family("ChiSquared", "implicit reparameterization: Gamma(df/2, ½)", () -> ChiSquared.of(3)),
            new Family(
                    "InverseGamma",
                    "transformation: rate/x, x ~ Gamma(α, 1) (implicit gradient in α)",
                    () -> InverseGamma.of(3, 2)),
            new Family(
                    "Beta",
                    "composition: X/(X + Y), X ~ Gamma(α, 1), Y ~ Gamma(β, 1) (implicit gradients)",
                    () -> Beta.of(2, 3)),
            new Family(
                    "Dirichlet",
                    "composition: G/Σ G, G_k ~ Gamma(α_k, 1) (implicit gradients)",
                    () -> Dirichlet.of(1, 2, 3)),
            new Family("LogNormal", "transformation: exp(loc + scale·ε)", () -> LogNormal.of(0, 1)),
            new Family("HalfNormal", "transformation: scale·abs(ε)", () -> HalfNormal.of(1)),
            new Family("LKJCholesky", "none (onion method; score function only)", () -> LKJCholesky.of(3, 2.0)),
            new Family(
                    "NormalIdGlm",
                    "location–scale: α + xβ + σ·ε (Stan's normal_id_glm, fused log density)",
                    () -> NormalIdGlm.of(Tensor.ones(2, 1), 0.0, Tensor.ones(1), 1.0)),
            new Family(
                    "MixtureSameFamily",
                    "none (discrete component index; Stan's log_mix)",
                    () -> MixtureSameFamily.ofProbs(
                            Tensor.of(0.3, 0.7), Normal.of(Tensor.of(-1.0, 1.0), Tensor.ones(2)))),
            new Family(
                    "ImproperUniform",
                    "none (flat improper prior on a support; draws only initialise)",
                    () -> ImproperUniform.of(org.elbo4j.transform.Constraints.POSITIVE)),
            new Family(
                    "RelaxedBernoulli",
                    "transformation: σ((logits + log u − log(1 − u))/τ) (binary Concrete)",
                    () -> RelaxedBernoulli.ofLogits(0.5, 0.0)),
            new Family(
                    "RelaxedOneHotCategorical",
                    "transformation: softmax((logits − log(−log u))/τ) (Gumbel-softmax)",
                    () -> RelaxedOneHotCategorical.ofLogits(Tensor.scalar(0.5), Tensor.zeros(3))),
            new Family("Bernoulli", "none (discrete)", () -> Bernoulli.ofProbs(0.3)),
            new Family("Binomial", "none (discrete; inversion or BTRS sampler)", () -> Binomial.ofProbs(10, 0.3)),
            new Family("Categorical", "none (discrete; inversion sampler)", () -> Categorical.ofProbs(0.2, 0.3, 0.5)),
            new Family(
                    "OneHotCategorical", "none (discrete)", () -> OneHotCategorical.ofProbs(Tensor.of(0.2, 0.3, 0.5))),
            new Family("Geometric", "none (discrete; inversion sampler)", () -> Geometric.ofProbs(0.3)),
            new Family(
                    "NegativeBinomial",
                    "none (discrete; Gamma–Poisson mixture sampler)",
                    () -> NegativeBinomial.ofProbs(3, 0.4)),
            new Family("Poisson", "none (discrete; Knuth or PTRS sampler)", () -> Poisson.of(2)));

    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Distributions\n\n");
        sb.append("Generated by `DistributionTableTest` from the code (regenerate with\n");
        sb.append(
                "`mvn -q test -pl elbo4j-core -Dtest=DistributionTableTest -Delbo4j.writeDocs=true`); CI fails if it drifts.\n");
        sb.append(
                "rsample = pathwise (reparameterized) sampler; entropy = closed form; KL partners = q in a registered\n");
        sb.append("closed-form KL(p‖q) for p of this family.\n\n");
        sb.append("| family | reparameterization route | rsample | entropy | KL partners | support |\n");
        sb.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Family f : FAMILIES) {
            Distribution d = f.example().get();
            List<String> kl = KlDivergence.partnersOf(d.getClass());
            sb.append("| ")
                    .append(f.name())
                    .append(" | ")
                    .append(f.route())
                    .append(" | ")
                    .append(d.hasRsample() ? "yes" : "no")
                    .append(" | ")
                    .append(d.hasEntropy() ? "yes" : "no")
                    .append(" | ")
                    .append(kl.isEmpty() ? "—" : String.join(", ", kl))
                    .append(" | ")
                    .append(d.support().name())
                    .append(" |\n");
        }
        return sb.toString();
    }

    @Test
    void docsTableMatchesTheCode() throws Exception {
        for (Family f : FAMILIES) {
            Distribution d = f.example().get();
            assertEquals(f.name(), d.getClass().getSimpleName(), "row name");
            assertTrue(!f.route().contains("|"), f.name() + ": a '|' would break the markdown table");
            assertEquals(f.route().startsWith("none"), !d.hasRsample(), f.name() + ": route vs hasRsample");
            d.sample(RandomStream.of(1)); // every listed family can draw
        }
        Path doc = Path.of("..", "docs", "distributions.md");
        String expected = table();
        if (Boolean.getBoolean("elbo4j.writeDocs")) Files.writeString(doc, expected);
        assertTrue(Files.exists(doc), "docs/distributions.md is missing; regenerate it (see the class javadoc)");
        assertEquals(
                expected,
                Files.readString(doc),
                "docs/distributions.md is out of date; regenerate it (see the class javadoc)");
    }

    /** Every concrete Distribution class in the package appears in the table (a new family cannot be forgotten). */
    @Test
    void everyFamilyIsListed() throws Exception {
        List<String> listed = new ArrayList<>();
        for (Family f : FAMILIES) listed.add(f.name());
        Path dir = Path.of("src", "main", "java", "org", "elbo4j", "distributions");
        List<String> missing = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString().replace(".java", "");
                String src = Files.readString(p);
                boolean family = src.contains("public final class " + n + " implements Distribution");
                if (family && !listed.contains(n) && !n.equals("Delta") && !n.equals("TransformedDistribution"))
                    missing.add(n);
            }
        }
        assertTrue(missing.isEmpty(), "families missing from the table: " + missing);
    }
}
