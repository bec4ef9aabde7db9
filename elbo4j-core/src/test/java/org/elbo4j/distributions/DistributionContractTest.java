package org.elbo4j.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.testkit.TestReports;
import org.elbo4j.transform.Constraint;
import org.elbo4j.transform.Constraints;
import org.junit.jupiter.api.Test;

/**
 * The checks every distribution family inherits. A family's test subclasses this, supplies a factory from
 * parameter tensors, a few parameter sets (including edge values), reference log densities with provenance
 * and bad parameters, and inherits:
 *
 * <ol>
 *   <li>shapes: {@code sample}/{@code rsample} give sampleShape + batchShape + eventShape, draws lie in the
 *       support, {@code logProb} of a draw is finite with shape sampleShape + batchShape; {@code sample} never
 *       records on a tape, {@code rsample} does; the gradients of logProb, entropy and rsample (fixed seed) match
 *       central finite differences;</li>
 *   <li>{@code logProb} against reference values (relative tolerance {@link #REFERENCE_REL_TOL});</li>
 *   <li>goodness of fit of {@code sample} and {@code rsample}: one-sample Kolmogorov–Smirnov of every batch
 *       component (continuous univariate), chi-square (discrete univariate), or mean/variance/covariance
 *       z-tests (multivariate) — and the same test must <em>reject</em> draws checked against perturbed
 *       parameters, so it has power;</li>
 *   <li>gradients: the Monte Carlo pathwise estimate (mean of ∇_θ f(rsample)) and the score-function estimate
 *       (mean of f(z)·∇_θ log p(z)) of ∇_θ E[f(z)] agree with the exact gradient; the per-draw variances of
 *       both are printed, and for location–scale families the pathwise one must be smaller;</li>
 *   <li>univariate: ∫p = 1, and mean, variance and entropy against quadrature (sums for discrete families);
 *       multivariate: entropy against Monte Carlo; KL against a Monte Carlo estimate of E_p[log p − log q];</li>
 *   <li>bad parameters throw {@link IllegalArgumentException} naming the family and the parameter; a NaN value
 *       throws; a value outside the support has log density −∞.</li>
 * </ol>
 *
 * <p><b>False-failure rates.</b> Every statistical test method makes m comparisons and splits
 * {@link #FAMILY_ALPHA} = 1e−3 over them (Bonferroni), so each method fails a correct family with probability
 * ≤ 1e−3 over the choice of seed (≤ 4e−3 for the four statistical methods of a class together). The seeds are
 * fixed, so a run is deterministic.
 *
 * @param <D> the family
 */
public abstract class DistributionContractTest<D extends Distribution> {
    /** Family-wise false-failure probability of each statistical test method (split over its comparisons). */
    protected static final double FAMILY_ALPHA = 1e-3;
    /** Relative tolerance against reference log densities (SciPy/mpmath are accurate to ~1e−15 here). */
    protected static final double REFERENCE_REL_TOL = 1e-12;
    /** Tolerance of deterministic quadrature comparisons (the quadrature itself is asked for 1e−13). */
    protected static final double QUADRATURE_TOL = 1e-9;
    /**
     * Floor added to Monte Carlo tolerances (times 1 + |exact|): covers the finite-difference/quadrature error
     * of the exact value when the estimator has zero variance (∂/∂loc of f(z) = z is exactly 1).
     */
    protected static final double EXACT_VALUE_TOL = 1e-6;
    /** Fixed seed of every test (each test method derives its own stream). */
    protected static final long SEED = 0x5EED_E1B0L;

    // ------------------------------------------------------------------ what a subclass supplies

    /** A named parameter set, in the order {@link #create} takes them. */
    protected record Params(String label, List<Tensor> values) {
        public Params {
            values = List.copyOf(values);
        }

        /** True when every parameter is a scalar (batch shape []). */
        public boolean allScalar() {
            return values.stream().allMatch(t -> t.rank() == 0);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Scalar parameters. */
    protected static Params params(String label, double... scalars) {
        return new Params(label, Arrays.stream(scalars).mapToObj(Tensor::scalar).toList());
    }

    /** Tensor parameters. */
    protected static Params params(String label, Tensor... values) {
        return new Params(label, List.of(values));
    }

    /** A reference log density: {@code logProb(value)} of the family at {@code params} must equal {@code expected}. */
    protected record Reference(Params params, Tensor value, Tensor expected, String source) {}

    /** Parameters that must be rejected, and the parameter name the message must contain. */
    protected record BadParams(String paramName, List<Tensor> values) {}

    /** Bad scalar parameters. */
    protected static BadParams bad(String paramName, double... scalars) {
        return new BadParams(
                paramName, Arrays.stream(scalars).mapToObj(Tensor::scalar).toList());
    }

    /** An elementwise test function for the gradient and expectation checks (summed over event dimensions). */
    protected record TestFunction(String name, UnaryOperator<Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** f(z) = z. */
    protected static final TestFunction IDENTITY = new TestFunction("z", z -> z);
    /** f(z) = z². */
    protected static final TestFunction SQUARE = new TestFunction("z^2", Tensor::square);
    /** f(z) = sin z (bounded: fine for heavy tails). */
    protected static final TestFunction SIN = new TestFunction("sin z", TestFunctions::sin);
    /** f(z) = 1/(1 + z²) (bounded, smooth). */
    protected static final TestFunction LORENTZ =
            new TestFunction("1/(1+z^2)", z -> z.square().add(1).reciprocal());

    /** f(z) = tanh z (bounded, not oscillating: quadrature converges fast even for heavy tails). */
    protected static final TestFunction TANH = new TestFunction("tanh z", Tensor::tanh);

    /** A KL pair: KL(p‖q) with p from this family. */
    protected record KlCase(String label, Params p, Distribution q) {}

    /** The family's name as it appears in error messages, e.g. {@code "Normal"}. */
    protected abstract String family();

    /** The parameters' names in the order {@link #create} takes them (used in reports). */
    protected abstract List<String> paramNames();

    /** The factory under test (validates). */
    protected abstract D create(List<Tensor> params);

    /** A few parameter sets, including edge values and at least one batched set. */
    protected abstract List<Params> cases();

    /** Reference log densities with their provenance. */
    protected abstract List<Reference> references();

    /** Parameter sets that must be rejected. */
    protected abstract List<BadParams> badParams();

    // ------------------------------------------------------------------ optional hooks

    /**
     * True for location–scale families: the pathwise per-draw gradient variance must beat the score function's
     * for the test functions in {@link #pathwiseVarianceSmallerFor()}.
     */
    protected boolean isLocationScale() {
        return false;
    }

    /**
     * The test functions for which a location–scale family must show a smaller pathwise variance. Default: z
     * and z². Not every f qualifies: for Laplace(0, 1) and f = sin z the per-draw variance of the loc-gradient is
     * Var(cos z) = 0.35 pathwise but Var(sin z·sign z) = 0.15 by the score function (exact values; the test
     * prints the measured ones), so the claim is a property of (family, f), not a law. A family may return an
     * empty set (saying why); the variances are still printed.
     *
     * <p>Choose test functions whose estimators have finite variance, or the SE (and so the check) means
     * nothing: e.g. for Cauchy, ∂/∂scale of sin(loc + scale·ε) is cos(z)·ε, whose variance is infinite.
     */
    protected Set<String> pathwiseVarianceSmallerFor() {
        return Set.of(IDENTITY.name(), SQUARE.name());
    }

    /** Indices of parameters whose pathwise gradient is checked (default: all, when the family has rsample). */
    protected Set<Integer> pathwiseParams() {
        return allParams();
    }

    /**
     * Indices of parameters for which rsample with fixed random numbers is a smooth function whose derivative is
     * the pathwise gradient, checked against finite differences with a fixed seed. Default: {@link #pathwiseParams()}.
     * Exclude parameters with an implicit gradient through a rejection sampler (a Gamma shape): there the draw
     * with fixed noise follows a different path (Marsaglia–Tsang's) than the implicit one (constant CDF level), and
     * can jump where an acceptance flips; the statistical gradient test still covers them.
     */
    protected Set<Integer> fixedNoisePathwiseParams() {
        return pathwiseParams();
    }

    /**
     * Indices of parameters whose score-function gradient is checked. Default: all. Exclude a parameter that
     * moves the support (Uniform's bounds, Pareto's scale): the score-function estimator misses the boundary
     * term of ∇∫_{S(θ)} f·p and is biased for it.
     */
    protected Set<Integer> scoreFunctionParams() {
        return allParams();
    }

    /** The parameter sets used in the gradient check. Default: univariate: the all-scalar cases; multivariate: all. */
    protected List<Params> gradientCases() {
        List<Params> cs = cases();
        return isMultivariate() ? cs : cs.stream().filter(Params::allScalar).toList();
    }

    /**
     * The cases checked by quadrature (∫p = 1, mean, variance, entropy). Default: the all-scalar cases. Drop a
     * case whose density is singular at a finite end other than 0 (doubles cannot resolve x near 1 closely enough).
     */
    protected List<Params> quadratureCases() {
        return cases().stream().filter(Params::allScalar).toList();
    }

    /** Test functions for the gradient check. Default: z, z², sin z. Heavy-tailed families use bounded ones. */
    protected List<TestFunction> testFunctions() {
        return List.of(IDENTITY, SQUARE, SIN);
    }

    /**
     * The exact E[f(z)] as a differentiable function of the parameters (shape batchShape), or {@code null}
     * (the default) to use quadrature (univariate continuous) or summation (univariate discrete) and central
     * finite differences. Multivariate families must override it.
     */
    protected Tensor expectation(List<Tensor> params, TestFunction f) {
        return null;
    }

    /** The CDF used by the KS test. Default: the family's own {@code cdf}; override with a numerical one if it has none. */
    protected Tensor cdf(D d, Tensor x) {
        return d.cdf(x);
    }

    /**
     * The parameters of a slightly wrong distribution, which the goodness-of-fit test must reject. Default: every
     * parameter entry times 1.1 (0 becomes 0.1). Override where that is invalid or the changes cancel.
     */
    protected List<Tensor> perturb(List<Tensor> params) {
        List<Tensor> p = new ArrayList<>();
        for (Tensor t : params) {
            double[] v = t.toArray();
            for (int i = 0; i < v.length; i++) v[i] = v[i] == 0 ? 0.1 : 1.1 * v[i];
            p.add(Tensor.of(v, t.shape()));
        }
        return p;
    }

    /**
     * The covariance matrix (batchShape + [d, d]) of a multivariate family for the moment test, or {@code null}
     * to test the variances only.
     */
    protected Tensor covariance(D d) {
        return null;
    }

    /**
     * Maps perturbed parameters back onto the family's parameter space inside the finite-difference checks (the
     * same map is applied in the autodiff evaluation, so both differentiate the same function). Default: identity.
     * MultivariateNormal zeroes the upper triangle of its Cholesky factor.
     */
    protected List<Tensor> project(List<Tensor> params) {
        return params;
    }

    /** KL pairs to check against Monte Carlo. Default: none. */
    protected List<KlCase> klCases() {
        return List.of();
    }

    /**
     * Values outside the support whose log density must be −∞. Default (univariate): those of
     * {lower − 1, upper + 1, −∞, +∞} that the support rejects; multivariate: none.
     */
    protected List<Tensor> outsideValues(D d) {
        if (isMultivariate()) return List.of();
        List<Double> cand = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        if (d.support() instanceof Constraints.Bounded b) {
            if (Double.isFinite(b.lower())) cand.add(b.lower() - 1);
            if (Double.isFinite(b.upper())) cand.add(b.upper() + 1);
        }
        List<Tensor> out = new ArrayList<>();
        for (double v : cand) {
            Tensor x = Tensor.full(v, d.batchShape());
            if (!d.support().contains(x)) out.add(x);
        }
        return out;
    }

    /** Draws per goodness-of-fit test. 40 000 detect a 10% error in a location or scale parameter (see the power test). */
    protected int gofDraws() {
        return 40_000;
    }

    /** Batches × draws per batch of the gradient estimates (the SE comes from the spread of the batch means). */
    protected int gradientBatches() {
        return 100;
    }

    /** Draws per batch of the gradient estimates. */
    protected int gradientBatchSize() {
        return 200;
    }

    // ------------------------------------------------------------------ helpers for subclasses

    /**
     * Reads a reference table from a test resource next to the subclass: lines starting with '#' are
     * provenance comments, the first other line is a header, then one row per reference with comma-separated
     * fields; a field may hold a vector as ';'-separated numbers ("inf", "-inf", "nan" allowed).
     *
     * @return the rows, each as its fields' numbers
     */
    protected List<double[][]> readTable(String resource) {
        InputStream in = getClass().getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing test resource " + resource);
        List<double[][]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = line.split(",");
                double[][] row = new double[fields.length][];
                for (int i = 0; i < fields.length; i++) {
                    row[i] = Arrays.stream(fields[i].strip().split(";"))
                            .mapToDouble(DistributionContractTest::parse)
                            .toArray();
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static double parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s.strip());
        };
    }

    /**
     * Reads a table of scalar families: columns = the parameters, then x, then log p(x).
     *
     * @param source the provenance named in failure messages (e.g. the resource and the generating command)
     */
    protected List<Reference> readScalarReferences(String resource, String source) {
        int k = paramNames().size();
        List<Reference> refs = new ArrayList<>();
        for (double[][] row : readTable(resource)) {
            if (row.length != k + 2)
                throw new IllegalStateException(resource + ": row with " + row.length + " fields, expected " + (k + 2));
            double[] p = new double[k];
            for (int i = 0; i < k; i++) p[i] = row[i][0];
            refs.add(new Reference(
                    params(Arrays.toString(p), p), Tensor.scalar(row[k][0]), Tensor.scalar(row[k + 1][0]), source));
        }
        return refs;
    }

    // ------------------------------------------------------------------ internals

    private Set<Integer> allParams() {
        return IntStream.range(0, paramNames().size()).boxed().collect(Collectors.toSet());
    }

    private D make(Params p) {
        return create(p.values());
    }

    private boolean isMultivariate() {
        return make(cases().get(0)).eventShape().rank() > 0;
    }

    private boolean isDiscrete(D d) {
        return d.support().isDiscrete();
    }

    /** f summed over the event dimensions: shape sampleShape + batchShape. */
    private static Tensor applyF(TestFunction f, Tensor z, int eventRank) {
        Tensor y = f.f().apply(z);
        for (int i = 0; i < eventRank; i++) y = y.sum(-1);
        return y;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    // ------------------------------------------------------------------ 1. shapes, support, tapes

    @Test
    void drawsHaveTheRightShapeLieInTheSupportAndHaveFiniteLogProb() {
        RandomStream rng = RandomStream.of(SEED);
        int checked = 0;
        for (Params c : cases()) {
            D d = make(c);
            for (Shape s : List.of(Shape.SCALAR, Shape.of(3), Shape.of(2, 3))) {
                Shape want = Distributions.drawShape(d, s);
                Shape lpShape = d.batchShape().prepend(s);
                List<Tensor> draws = new ArrayList<>(List.of(d.sample(rng, s)));
                if (d.hasRsample()) draws.add(d.rsample(rng, s));
                for (Tensor x : draws) {
                    assertEquals(want, x.shape(), family() + " " + c + ": draw shape for sampleShape " + s);
                    assertTrue(
                            d.support().contains(x),
                            family() + " " + c + ": draw outside the support " + d.support() + ": " + x);
                    Tensor lp = d.logProb(x);
                    assertEquals(lpShape, lp.shape(), family() + " " + c + ": logProb shape for sampleShape " + s);
                    for (int i = 0; i < lp.size(); i++) {
                        assertTrue(
                                Double.isFinite(lp.at(i)) || lp.at(i) == Double.POSITIVE_INFINITY,
                                family() + " " + c + ": logProb of a draw is " + lp.at(i));
                    }
                    checked++;
                }
            }
            if (!d.hasRsample()) {
                assertThrows(UnsupportedOperationException.class, () -> d.rsample(rng, Shape.of(2)));
            }
            Shape be = d.eventShape().prepend(d.batchShape());
            tryShape(() -> d.mean(), be, c + " mean");
            tryShape(() -> d.variance(), be, c + " variance");
            if (d.hasEntropy())
                assertEquals(d.batchShape(), d.entropy().shape(), family() + " " + c + ": entropy shape");
        }
        assertTrue(checked >= 3 * cases().size(), "checked " + checked + " draws");
    }

    private void tryShape(java.util.function.Supplier<Tensor> moment, Shape want, String what) {
        Tensor m;
        try {
            m = moment.get();
        } catch (UnsupportedOperationException e) {
            return; // the family declares it has none
        }
        assertEquals(want, m.shape(), family() + " " + what + " shape");
    }

    @Test
    void sampleIsNeverRecordedAndRsampleIs() {
        RandomStream rng = RandomStream.of(SEED + 1);
        Params c = cases().get(0);
        boolean[] seen = new boolean[2];
        Autodiff.valueAndGrad(c.values(), ps -> {
            D d = create(ps);
            assertFalse(d.sample(rng, Shape.of(4)).requiresGrad(), family() + ": sample() recorded on the tape");
            Tensor lp = d.logProb(d.sample(rng, Shape.of(4)));
            assertTrue(lp.requiresGrad(), family() + ": logProb is not differentiable in the parameters");
            seen[0] = true;
            if (d.hasRsample() && pathwiseParams().size() > 0) {
                assertTrue(
                        d.rsample(rng, Shape.of(4)).requiresGrad(), family() + ": rsample() not recorded on the tape");
                seen[1] = true;
            }
            return lp.sum();
        });
        assertTrue(seen[0]);
    }

    /**
     * GradCheck's relative step. 1e−7 rather than 1e−6: a narrow case (loc −2, scale 1e−3) has third derivatives
     * ~1/scale³ = 1e9, so the O(h²) truncation error at h = 2e−6 is ~1e−5 of the gradient; at h = 2e−7 it is
     * 1e−7, while the rounding error ε·|f|/h stays below 1e−8.
     */
    protected static final double FD_STEP = 1e-7;
    /** Scaled error allowed between autodiff and central differences. */
    protected static final double FINITE_DIFFERENCE_TOL = 1e-5;

    /**
     * Deterministic gradients: logProb at fixed draws, entropy, and rsample with a fixed seed (a smooth function of
     * the pathwise parameters) against central finite differences, for every case.
     */
    @Test
    void logProbEntropyAndRsampleGradientsMatchFiniteDifferences() {
        int checked = 0;
        for (Params c : cases()) {
            D d = make(c);
            Tensor x = d.sample(RandomStream.of(SEED + 7), Shape.of(3));
            var r = org.elbo4j.autodiff.GradCheck.compare(
                    c.values(), ps -> create(project(ps)).logProb(x).sum(), FD_STEP);
            assertTrue(r.error() < FINITE_DIFFERENCE_TOL, family() + " " + c + ": logProb gradient, " + r);
            checked += r.checked();
            if (d.hasEntropy()) {
                var h = org.elbo4j.autodiff.GradCheck.compare(
                        c.values(), ps -> create(project(ps)).entropy().sum(), FD_STEP);
                assertTrue(h.error() < FINITE_DIFFERENCE_TOL, family() + " " + c + ": entropy gradient, " + h);
            }
            if (d.hasRsample() && !fixedNoisePathwiseParams().isEmpty()) {
                List<Integer> idx = fixedNoisePathwiseParams().stream().sorted().toList();
                List<Tensor> sub = idx.stream().map(c.values()::get).toList();
                var g = org.elbo4j.autodiff.GradCheck.compare(
                        sub,
                        ps -> {
                            List<Tensor> full = new ArrayList<>(c.values());
                            for (int k = 0; k < idx.size(); k++) full.set(idx.get(k), ps.get(k));
                            return create(project(full))
                                    .rsample(RandomStream.of(SEED + 8), Shape.of(3))
                                    .sum();
                        },
                        FD_STEP);
                assertTrue(
                        g.error() < FINITE_DIFFERENCE_TOL,
                        family() + " " + c + ": rsample gradient (fixed seed), " + g);
            }
        }
        assertTrue(checked > 0);
    }

    // ------------------------------------------------------------------ 2. reference values

    @Test
    void logProbMatchesReferenceValues() {
        List<Reference> refs = references();
        assertFalse(refs.isEmpty(), family() + ": no reference values");
        int checked = 0;
        for (Reference r : refs) {
            Tensor lp = make(r.params()).logProb(r.value());
            assertEquals(r.expected().shape(), lp.shape(), family() + " " + r.params() + ": logProb shape");
            for (int i = 0; i < lp.size(); i++) {
                double want = r.expected().at(i), got = lp.at(i);
                if (want == Double.NEGATIVE_INFINITY) {
                    assertEquals(want, got, family() + " " + r.params() + " at " + r.value() + " (" + r.source() + ")");
                } else {
                    double tol = REFERENCE_REL_TOL * Math.max(1, Math.abs(want));
                    assertTrue(
                            Math.abs(got - want) <= tol,
                            family() + " " + r.params() + " at " + r.value() + ": logProb " + got + ", reference "
                                    + want + " (" + r.source() + "), tolerance " + tol);
                }
                checked++;
            }
        }
        assertTrue(checked >= refs.size());
    }

    // ------------------------------------------------------------------ 3. goodness of fit

    /** One goodness-of-fit statistic and what it is compared with. */
    private record Gof(String what, double stat, int dof) {}

    /** Draws via sample (route 0) or rsample (route 1). */
    private static Tensor draw(Distribution d, RandomStream rng, int n, int route) {
        return route == 0
                ? d.sample(rng, Shape.of(n))
                : d.rsample(rng, Shape.of(n)).detach();
    }

    @Test
    void samplerPassesGoodnessOfFit() {
        RandomStream rng = RandomStream.of(SEED + 2);
        int n = gofDraws();
        if (isMultivariate()) {
            List<double[]> z = new ArrayList<>(); // (estimate − truth, SE)
            List<String> what = new ArrayList<>();
            for (Params c : cases()) {
                D d = make(c);
                for (int route = 0; route < (d.hasRsample() ? 2 : 1); route++) {
                    momentZ(d, d, draw(d, rng, n, route), c + (route == 0 ? " sample" : " rsample"), z, what);
                }
            }
            double k = Stats.bonferroniK(FAMILY_ALPHA, z.size());
            for (int i = 0; i < z.size(); i++) {
                double tol = k * z.get(i)[1] + EXACT_VALUE_TOL;
                assertTrue(
                        Math.abs(z.get(i)[0]) <= tol,
                        family() + " " + what.get(i) + ": error " + z.get(i)[0]
                                + " exceeds " + fmt(k) + " SE = " + tol + " (" + z.size()
                                + " moment tests, Bonferroni at "
                                + FAMILY_ALPHA + ")");
            }
            TestReports.write(getClass(), family() + ": " + z.size() + " moment z-tests passed (k = " + fmt(k) + ")");
            return;
        }
        List<Gof> stats = new ArrayList<>();
        for (Params c : cases()) {
            D d = make(c);
            for (int route = 0; route < (d.hasRsample() ? 2 : 1); route++) {
                Tensor x = draw(d, rng, n, route);
                stats.addAll(univariateGof(d, d, x, c + (route == 0 ? " sample" : " rsample")));
            }
        }
        assertFalse(stats.isEmpty());
        int m = stats.size();
        for (Gof g : stats) {
            double crit = g.dof == 0
                    ? Stats.ksCritical(n, FAMILY_ALPHA / m)
                    : Stats.chiSquareCritical(g.dof, FAMILY_ALPHA / m);
            assertTrue(
                    g.stat <= crit,
                    family() + " " + g.what + ": statistic " + g.stat + " > critical " + crit + " (" + m
                            + " tests, Bonferroni at " + FAMILY_ALPHA + ", " + n + " draws)");
        }
        TestReports.write(
                getClass(),
                family() + ": " + m + " goodness-of-fit tests passed, " + n + " draws each, max statistic "
                        + fmt(stats.stream().mapToDouble(Gof::stat).max().orElse(0)));
    }

    @Test
    void goodnessOfFitRejectsPerturbedParameters() {
        RandomStream rng = RandomStream.of(SEED + 3);
        int n = gofDraws(), rejected = 0, tried = 0;
        for (Params c : cases()) {
            D d = make(c);
            D wrong = create(perturb(c.values()));
            Tensor x = d.sample(rng, Shape.of(n));
            if (isMultivariate()) {
                List<double[]> z = new ArrayList<>();
                List<String> what = new ArrayList<>();
                momentZ(d, wrong, x, c.label(), z, what);
                double k = Stats.bonferroniK(FAMILY_ALPHA, z.size());
                boolean any = z.stream().anyMatch(e -> Math.abs(e[0]) > k * e[1] + EXACT_VALUE_TOL);
                tried++;
                if (any) rejected++;
                else
                    fail(family() + " " + c + ": moment tests did not detect the perturbed parameters "
                            + perturb(c.values()));
                continue;
            }
            List<Gof> stats = univariateGof(d, wrong, x, c.label());
            for (Gof g : stats) {
                // the critical value of the main test, at its most lenient (one test only)
                double crit =
                        g.dof == 0 ? Stats.ksCritical(n, FAMILY_ALPHA) : Stats.chiSquareCritical(g.dof, FAMILY_ALPHA);
                tried++;
                assertTrue(
                        g.stat > crit,
                        family() + " " + g.what + ": draws from " + c + " pass against the perturbed "
                                + perturb(c.values()) + " (statistic " + g.stat + " <= " + crit
                                + "): the test has no power");
                rejected++;
            }
        }
        assertTrue(tried > 0 && rejected == tried);
    }

    /** KS (continuous) or chi-square (discrete) of each batch component of draws x of {@code truth} against {@code model}. */
    private List<Gof> univariateGof(D truth, D model, Tensor x, String label) {
        int n = x.dim(0), b = truth.batchShape().size();
        List<Gof> out = new ArrayList<>();
        if (isDiscrete(truth)) {
            for (int j = 0; j < b; j++) out.add(chiSquare(model, x, j, label + " component " + j));
            return out;
        }
        Tensor u = cdf(model, x);
        assertEquals(x.shape(), u.shape(), family() + ": cdf shape");
        for (int j = 0; j < b; j++) {
            double[] uj = new double[n];
            for (int i = 0; i < n; i++) uj[i] = u.at(i * b + j);
            out.add(new Gof(label + " component " + j + " (KS)", Stats.ksStatistic(uj), 0));
        }
        return out;
    }

    /**
     * Pearson's chi-square of integer draws (component j) against the model's mass function on 0..max(draws);
     * the mass above the largest draw joins the last cell; adjacent cells are merged until each expects ≥ 5.
     */
    private Gof chiSquare(D model, Tensor x, int j, String label) {
        int n = x.dim(0), b = model.batchShape().size();
        int max = 0;
        for (int i = 0; i < n; i++) max = Math.max(max, (int) x.at(i * b + j));
        double[] observed = new double[max + 1];
        for (int i = 0; i < n; i++) observed[(int) x.at(i * b + j)]++;
        double[] p = new double[max + 1];
        double total = 0;
        for (int k = 0; k <= max; k++) {
            p[k] = Math.exp(model.logProb(Tensor.full(k, model.batchShape())).at(j));
            total += p[k];
        }
        p[max] += Math.max(0, 1 - total);
        List<double[]> cells = new ArrayList<>(); // {observed, expected}
        double o = 0, e = 0;
        for (int k = 0; k <= max; k++) {
            o += observed[k];
            e += n * p[k];
            if (e >= 5) {
                cells.add(new double[] {o, e});
                o = 0;
                e = 0;
            }
        }
        if (e > 0 || o > 0) {
            if (cells.isEmpty()) cells.add(new double[] {o, e});
            else {
                double[] last = cells.get(cells.size() - 1);
                last[0] += o;
                last[1] += e;
            }
        }
        double chi = 0;
        for (double[] c : cells) chi += (c[0] - c[1]) * (c[0] - c[1]) / c[1];
        return new Gof(label + " (chi-square, " + cells.size() + " cells)", chi, Math.max(1, cells.size() - 1));
    }

    /**
     * Multivariate moment tests of draws x (shape [n] + batch + [d]) against the mean, variance and (if given)
     * covariance of {@code model}: adds (estimate − model value, standard error of the estimate) pairs. The SE
     * of a mean is s/√n; of a variance or covariance, the sample SD of the centred products over √n.
     */
    private void momentZ(D truth, D model, Tensor x, String label, List<double[]> z, List<String> what) {
        int n = x.dim(0), dd = x.dim(-1), b = truth.batchShape().size();
        Tensor mean = model.mean().broadcastTo(truth.eventShape().prepend(truth.batchShape()));
        Tensor var = model.variance().broadcastTo(mean.shape());
        Tensor cov = covariance(model);
        for (int j = 0; j < b; j++) {
            double[][] xs = new double[dd][n];
            for (int i = 0; i < n; i++) for (int k = 0; k < dd; k++) xs[k][i] = x.at((i * b + j) * dd + k);
            double[] m = new double[dd];
            for (int k = 0; k < dd; k++) {
                m[k] = Stats.mean(xs[k]);
                z.add(new double[] {m[k] - mean.at(j * dd + k), Math.sqrt(Stats.variance(xs[k]) / n)});
                what.add(label + " batch " + j + " mean[" + k + "]");
            }
            for (int k = 0; k < dd; k++) {
                for (int l = 0; l <= k; l++) {
                    if (k != l && cov == null) continue;
                    double[] prod = new double[n];
                    for (int i = 0; i < n; i++) prod[i] = (xs[k][i] - m[k]) * (xs[l][i] - m[l]);
                    double want = cov != null ? cov.at((j * dd + k) * dd + l) : var.at(j * dd + k);
                    z.add(new double[] {Stats.mean(prod) * n / (n - 1) - want, Math.sqrt(Stats.variance(prod) / n)});
                    what.add(label + " batch " + j + " cov[" + k + "," + l + "]");
                }
            }
        }
    }

    // ------------------------------------------------------------------ 4. gradients

    /** One gradient entry: the exact value, and the estimate with its SE and per-draw variance. */
    private record GradCheck(String what, double exact, double estimate, double se, double perDrawVariance) {}

    @Test
    void pathwiseAndScoreFunctionGradientsMatchTheExactGradient() {
        RandomStream rng = RandomStream.of(SEED + 4);
        List<GradCheck> checks = new ArrayList<>();
        List<String> report = new ArrayList<>();
        List<String> varianceFailures = new ArrayList<>();
        int varianceComparisons = 0, structuralZeros = 0;
        List<String> names = paramNames();
        for (Params c : gradientCases()) {
            D d0 = make(c);
            boolean pathwise = d0.hasRsample() && !pathwiseParams().isEmpty();
            for (TestFunction f : testFunctions()) {
                double[][] exact = exactGradient(c, f);
                double[][][] pw = pathwise ? estimate(c, f, rng, true) : null;
                double[][][] sf = estimate(c, f, rng, false);
                for (int p = 0; p < names.size(); p++) {
                    for (int i = 0; i < exact[p].length; i++) {
                        String at =
                                c + ", f = " + f + ", d/d " + names.get(p) + (exact[p].length > 1 ? "[" + i + "]" : "");
                        boolean doPw = pathwise && pathwiseParams().contains(p),
                                doSf = scoreFunctionParams().contains(p);
                        if (exact[p][i] == 0
                                && (!doPw || pw[2][p][i] == 0 && pw[0][p][i] == 0)
                                && (!doSf || sf[2][p][i] == 0 && sf[0][p][i] == 0)) {
                            structuralZeros++; // e.g. the upper triangle of a Cholesky factor: nothing to compare
                            continue;
                        }
                        if (doPw)
                            checks.add(new GradCheck(
                                    "pathwise " + at, exact[p][i], pw[0][p][i], pw[1][p][i], pw[2][p][i]));
                        if (doSf)
                            checks.add(new GradCheck(
                                    "score-function " + at, exact[p][i], sf[0][p][i], sf[1][p][i], sf[2][p][i]));
                        if (doPw || doSf) {
                            report.add(String.format(
                                    Locale.ROOT,
                                    "  %-48s exact %11s | pathwise %11s var %11s | score %11s var %11s",
                                    at,
                                    fmt(exact[p][i]),
                                    doPw ? fmt(pw[0][p][i]) : "-",
                                    doPw ? fmt(pw[2][p][i]) : "-",
                                    doSf ? fmt(sf[0][p][i]) : "-",
                                    doSf ? fmt(sf[2][p][i]) : "-"));
                        }
                        if (doPw
                                && doSf
                                && isLocationScale()
                                && pathwiseVarianceSmallerFor().contains(f.name())) {
                            varianceComparisons++;
                            if (!(pw[2][p][i] < sf[2][p][i])) {
                                varianceFailures.add(at + ": pathwise variance " + pw[2][p][i] + " >= score-function "
                                        + sf[2][p][i]);
                            }
                        }
                    }
                }
            }
        }
        TestReports.write(
                getClass(),
                family() + ": gradient of E[f(z)] and per-draw variances (" + gradientBatches() + " x "
                        + gradientBatchSize() + " draws per estimate"
                        + (structuralZeros > 0 ? "; " + structuralZeros + " structurally zero entries skipped" : "")
                        + ")\n" + String.join("\n", report));
        assertFalse(checks.isEmpty(), family() + ": no gradient was checked");
        double k = Stats.bonferroniK(FAMILY_ALPHA, checks.size());
        for (GradCheck g : checks) {
            double tol = k * g.se + EXACT_VALUE_TOL * (1 + Math.abs(g.exact));
            assertTrue(
                    Math.abs(g.estimate - g.exact) <= tol,
                    family() + " " + g.what + ": estimate " + g.estimate
                            + " vs exact " + g.exact + ", tolerance " + fmt(k) + " SE = " + tol + " (" + checks.size()
                            + " comparisons, Bonferroni at " + FAMILY_ALPHA + ")");
        }
        if (isLocationScale() && !pathwiseVarianceSmallerFor().isEmpty()) {
            assertTrue(varianceComparisons > 0, family() + ": no pathwise/score variance comparison ran");
            assertTrue(varianceFailures.isEmpty(), family() + ": " + String.join("; ", varianceFailures));
        }
    }

    /**
     * Monte Carlo estimates of ∇ Σ_batch E[f(z)]: [0] the mean, [1] its SE, [2] the per-draw variance, each
     * per parameter and entry. The SE comes from {@link #gradientBatches()} independent batch means.
     */
    private double[][][] estimate(Params c, TestFunction f, RandomStream rng, boolean pathwise) {
        int nb = gradientBatches(), m = gradientBatchSize(), np = c.values().size();
        double[][][] batchGrads = new double[np][][];
        D d0 = make(c);
        int er = d0.eventShape().rank();
        for (int b = 0; b < nb; b++) {
            List<Tensor> g;
            if (pathwise) {
                g = Autodiff.grad(
                        c.values(),
                        ps -> applyF(f, create(ps).rsample(rng, Shape.of(m)), er)
                                .sum()
                                .div(m));
            } else {
                Tensor z = d0.sample(rng, Shape.of(m));
                Tensor fz = applyF(f, z, er);
                g = Autodiff.grad(
                        c.values(), ps -> fz.mul(create(ps).logProb(z)).sum().div(m));
            }
            for (int p = 0; p < np; p++) {
                if (batchGrads[p] == null) batchGrads[p] = new double[g.get(p).size()][nb];
                for (int i = 0; i < g.get(p).size(); i++)
                    batchGrads[p][i][b] = g.get(p).at(i);
            }
        }
        double[][][] out = new double[3][np][];
        for (int p = 0; p < np; p++) {
            int e = batchGrads[p].length;
            out[0][p] = new double[e];
            out[1][p] = new double[e];
            out[2][p] = new double[e];
            for (int i = 0; i < e; i++) {
                double v = Stats.variance(batchGrads[p][i]);
                out[0][p][i] = Stats.mean(batchGrads[p][i]);
                out[1][p][i] = Math.sqrt(v / nb);
                out[2][p][i] = v * m;
            }
        }
        return out;
    }

    /** ∇ Σ_batch E[f(z)]: by autodiff of {@link #expectation} when given, else by fourth-order central differences. */
    private double[][] exactGradient(Params c, TestFunction f) {
        List<Tensor> ps = c.values();
        if (expectation(ps, f) != null) {
            List<Tensor> g = Autodiff.grad(ps, q -> expectation(q, f).sum());
            return g.stream().map(Tensor::toArray).toArray(double[][]::new);
        }
        if (isMultivariate() || !c.allScalar()) {
            throw new IllegalStateException(
                    family() + ": override expectation(params, f) to give the exact E[f] for " + c);
        }
        double[][] out = new double[ps.size()][1];
        for (int p = 0; p < ps.size(); p++) {
            double th = ps.get(p).item(), h = 1e-3 * (th == 0 ? 1 : Math.abs(th));
            double[] e = new double[4];
            double[] steps = {2 * h, h, -h, -2 * h};
            for (int s = 0; s < 4; s++) {
                List<Tensor> q = new ArrayList<>(ps);
                q.set(p, Tensor.scalar(th + steps[s]));
                e[s] = expectationByQuadrature(create(q), f.f());
            }
            out[p][0] = (-e[0] + 8 * e[1] - 8 * e[2] + e[3]) / (12 * h);
        }
        return out;
    }

    // ------------------------------------------------------------------ 5. moments, entropy, KL

    /** E[g(X)] of a scalar-batch univariate distribution, by quadrature (continuous) or summation (discrete). */
    protected double expectationByQuadrature(D d, Function<Tensor, Tensor> g) {
        return integrate(d, (x, lp) -> {
            Tensor gx = g.apply(x);
            double[] out = new double[x.size()];
            for (int i = 0; i < out.length; i++) {
                double p = Math.exp(lp.at(i));
                out[i] = p == 0 ? 0 : gx.at(i) * p;
            }
            return out;
        });
    }

    /** The integrand given the points and their log densities. */
    @FunctionalInterface
    protected interface DensityIntegrand {
        double[] apply(Tensor x, Tensor logProb);
    }

    /**
     * ∫ h(x, log p(x)) dx over the support of a scalar-batch univariate family (a sum over 0, 1, 2, … for a
     * discrete one, stopped once the remaining mass is below 1e−16).
     *
     * @throws AssertionError if the quadrature's error estimate exceeds 1e−11·∫|h|
     */
    protected double integrate(D d, DensityIntegrand h) {
        if (!d.batchShape().isScalar())
            throw new IllegalArgumentException("integrate: needs a scalar batch, got " + d.batchShape());
        if (isDiscrete(d)) {
            double s = 0, mass = 0;
            for (int k0 = 0; k0 < 10_000_000 && mass < 1 - 1e-16; k0 += 256) {
                double[] ks = new double[256];
                for (int i = 0; i < 256; i++) ks[i] = k0 + i;
                Tensor x = Tensor.of(ks);
                Tensor lp = d.logProb(x);
                double[] v = h.apply(x, lp);
                for (int i = 0; i < 256; i++) {
                    s += v[i];
                    mass += Math.exp(lp.at(i));
                }
            }
            return s;
        }
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        if (d.support() instanceof Constraints.Bounded b) {
            lo = b.lower();
            hi = b.upper();
        }
        // centre and spread of the mass, for mapping infinite ends (a fixed-seed pilot sample: only the
        // quadrature's path depends on it, not its value)
        double[] pilot = d.sample(RandomStream.of(SEED + 99), Shape.of(1001)).toArray();
        Arrays.sort(pilot);
        double center = pilot[500], scale = pilot[750] - pilot[250];
        if (!(scale > 0)) scale = Math.max(1e-300, Math.abs(center));
        Quadrature.Result r = Quadrature.integrate(
                (x, out) -> {
                    Tensor xt = Tensor.of(x);
                    double[] v = h.apply(xt, d.logProb(xt));
                    System.arraycopy(v, 0, out, 0, out.length);
                },
                lo,
                hi,
                center,
                scale,
                1e-300,
                1e-13);
        assertTrue(r.error() <= 1e-11 * r.absIntegral(), family() + ": quadrature did not converge: " + r);
        return r.value();
    }

    @Test
    void densityIntegratesToOneAndMomentsAndEntropyMatch() {
        int checked = 0;
        if (isMultivariate()) {
            // entropy against Monte Carlo −E[log p(z)]; mean/covariance are covered by the goodness-of-fit test
            RandomStream rng = RandomStream.of(SEED + 5);
            List<double[]> z = new ArrayList<>();
            List<String> what = new ArrayList<>();
            int n = gofDraws();
            for (Params c : cases()) {
                D d = make(c);
                if (!d.hasEntropy()) continue;
                Tensor lp = d.logProb(d.sample(rng, Shape.of(n)));
                Tensor h = d.entropy();
                int b = d.batchShape().size();
                for (int j = 0; j < b; j++) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) v[i] = -lp.at(i * b + j);
                    z.add(new double[] {Stats.mean(v) - h.at(j), Math.sqrt(Stats.variance(v) / n)});
                    what.add(c + " batch " + j + " entropy " + h.at(j));
                }
            }
            double k = Stats.bonferroniK(FAMILY_ALPHA, z.size());
            for (int i = 0; i < z.size(); i++) {
                assertTrue(
                        Math.abs(z.get(i)[0]) <= k * z.get(i)[1] + EXACT_VALUE_TOL,
                        family() + " " + what.get(i) + ": Monte Carlo differs by " + z.get(i)[0] + " > " + fmt(k)
                                + " SE");
            }
            return;
        }
        for (Params c : quadratureCases()) {
            D d = make(c);
            double mass = integrate(
                    d, (x, lp) -> Arrays.stream(lp.toArray()).map(Math::exp).toArray());
            assertEquals(1.0, mass, QUADRATURE_TOL, family() + " " + c + ": the density integrates to " + mass);
            checked++;
            Double mean = finiteOrNull(d::mean);
            if (mean != null) {
                double q = expectationByQuadrature(d, x -> x);
                assertEquals(q, mean, QUADRATURE_TOL * (1 + Math.abs(q)), family() + " " + c + ": mean vs quadrature");
                Double var = finiteOrNull(d::variance);
                if (var != null) {
                    double qv = expectationByQuadrature(d, x -> x.sub(q).square());
                    assertEquals(
                            qv,
                            var,
                            QUADRATURE_TOL * (1 + Math.abs(qv)) * 10,
                            family() + " " + c + ": variance vs quadrature");
                }
            }
            if (d.hasEntropy()) {
                double qh = integrate(d, (x, lp) -> {
                    double[] out = new double[x.size()];
                    for (int i = 0; i < out.length; i++) {
                        double p = Math.exp(lp.at(i));
                        out[i] = p == 0 ? 0 : -p * lp.at(i);
                    }
                    return out;
                });
                double h = d.entropy().item();
                assertEquals(
                        qh, h, QUADRATURE_TOL * (1 + Math.abs(qh)), family() + " " + c + ": entropy vs quadrature");
            }
        }
        assertTrue(checked > 0, family() + ": no all-scalar case for the quadrature checks");
    }

    /** The moment's value when the family has it and it is finite, else null (a family may return ∞ or NaN). */
    private static Double finiteOrNull(java.util.function.Supplier<Tensor> m) {
        try {
            double v = m.get().item();
            return Double.isFinite(v) ? v : null;
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    @Test
    void klMatchesMonteCarlo() {
        List<KlCase> cs = klCases();
        if (cs.isEmpty()) return; // the family has no registered KL partner
        RandomStream rng = RandomStream.of(SEED + 6);
        int n = gofDraws();
        List<double[]> z = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (KlCase kc : cs) {
            D p = make(kc.p());
            assertTrue(KlDivergence.has(p.getClass(), kc.q().getClass()), family() + ": no KL rule for " + kc.label());
            Tensor kl = KlDivergence.of(p, kc.q());
            Shape batch = Shape.broadcast("kl", p.batchShape(), kc.q().batchShape());
            assertEquals(batch, kl.shape(), family() + " " + kc.label() + ": KL shape");
            Tensor x = p.sample(rng, Shape.of(n));
            Tensor diff = p.logProb(x).sub(kc.q().logProb(x)).broadcastTo(batch.prepend(Shape.of(n)));
            int b = batch.size();
            for (int j = 0; j < b; j++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = diff.at(i * b + j);
                z.add(new double[] {Stats.mean(v) - kl.at(j), Math.sqrt(Stats.variance(v) / n)});
                what.add(kc.label() + " component " + j + ": KL " + kl.at(j));
            }
        }
        double k = Stats.bonferroniK(FAMILY_ALPHA, z.size());
        for (int i = 0; i < z.size(); i++) {
            assertTrue(
                    Math.abs(z.get(i)[0]) <= k * z.get(i)[1] + EXACT_VALUE_TOL,
                    family() + " " + what.get(i) + ": Monte Carlo differs by " + z.get(i)[0] + " > " + fmt(k) + " SE = "
                            + k * z.get(i)[1]);
        }
        TestReports.write(
                getClass(), family() + ": " + z.size() + " KL values agree with Monte Carlo (k = " + fmt(k) + ")");
    }

    // ------------------------------------------------------------------ 6. bad input

    @Test
    void badParametersAreRejectedWithANamedMessage() {
        List<BadParams> bs = badParams();
        assertFalse(bs.isEmpty(), family() + ": no bad parameters listed");
        for (BadParams b : bs) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> create(b.values()),
                    family() + ": parameters " + b.values() + " were accepted");
            String msg = e.getMessage();
            assertTrue(
                    msg != null && msg.contains(family()) && msg.contains(b.paramName()),
                    family() + ": message should name the family and '" + b.paramName() + "': " + msg);
        }
    }

    @Test
    void nanValueIsRejectedAndValueOutsideTheSupportHasLogProbMinusInfinity() {
        int checked = 0;
        for (Params c : cases()) {
            D d = make(c);
            Shape s = d.eventShape().prepend(d.batchShape());
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> d.logProb(Tensor.full(Double.NaN, s)),
                    family() + " " + c + ": logProb(NaN) did not throw");
            assertTrue(
                    e.getMessage().contains(family()),
                    family() + ": message should name the family: " + e.getMessage());
            for (Tensor v : outsideValues(d)) {
                Tensor lp = d.logProb(v);
                for (int i = 0; i < lp.size(); i++) {
                    assertEquals(
                            Double.NEGATIVE_INFINITY,
                            lp.at(i),
                            family() + " " + c + ": logProb(" + v + ") outside the support");
                }
                checked++;
            }
        }
        if (!isMultivariate()) assertTrue(checked > 0, family() + ": no outside value was checked");
    }

    /** Throws unless {@code c} rejects {@code x} (a helper for subclasses' outside values). */
    protected static void requireOutside(Constraint c, Tensor x) {
        if (c.contains(x)) throw new IllegalStateException(x + " is inside " + c);
    }

    /** Helper for subclasses: a set of parameter indices. */
    protected static Set<Integer> indices(int... i) {
        return new HashSet<>(Arrays.stream(i).boxed().toList());
    }
}
