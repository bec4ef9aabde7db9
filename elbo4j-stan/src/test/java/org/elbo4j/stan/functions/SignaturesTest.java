package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every line of signatures.txt names a public static Java method with the contract's parameter and return types. */
class SignaturesTest {
    @Test
    void everyLineResolvesToAPublicStaticMethodOfTheRightTypes() throws Exception {
        List<Signatures.Line> lines = Signatures.read();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Signatures.Line l : lines) {
            for (Class<?>[] p : Signatures.javaParams(l)) {
                checked++;
                Method m;
                try {
                    m = Signatures.method(l, p);
                } catch (ReflectiveOperationException e) {
                    problems.add("line " + l.lineNo() + " " + l.name() + ": no method " + l.cls() + "." + l.method()
                            + java.util.Arrays.toString(p));
                    continue;
                }
                if (!Modifier.isStatic(m.getModifiers())) problems.add("line " + l.lineNo() + ": not static");
                Class<?> want = Signatures.javaType(l.ret());
                if (m.getReturnType() != want) {
                    problems.add("line " + l.lineNo() + " " + l.name() + ": returns " + m.getReturnType() + ", want "
                            + want);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked > 900, "checked " + checked + " overloads");
    }

    @Test
    void noDuplicateOverloads() {
        Set<String> seen = new HashSet<>();
        for (Signatures.Line l : Signatures.read()) {
            String key = l.name() + l.args();
            assertTrue(seen.add(key), "duplicate signature at line " + l.lineNo() + ": " + key);
        }
    }

    @Test
    void samplingStatementsOfTheCorpusHaveDensities() {
        Set<String> names = new HashSet<>();
        for (Signatures.Line l : Signatures.read()) names.add(l.name());
        for (String d : List.of(
                "normal_lpdf",
                "cauchy_lpdf",
                "beta_lpdf",
                "bernoulli_logit_glm_lpmf",
                "lognormal_lpdf",
                "student_t_lccdf",
                "lkj_corr_cholesky_lpdf",
                "dirichlet_lpdf",
                "neg_binomial_2_lpmf")) {
            assertTrue(names.contains(d), d);
        }
        assertEquals(0, names.stream().filter(n -> n.endsWith("_lupdf")).count(), "lupdf maps to lpdf in the FRONT");
    }
}
